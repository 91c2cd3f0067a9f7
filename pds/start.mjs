// Starts atproto's own PLC and PDS in this process (SQLite, loopback) for the Bluesky contract tests.
//
// Prints one JSON line: the PDS URL, an account's handle, DID and a fresh app password, and a
// second account to mention. Runs until its standard input closes or it is told to stop, so the
// test session that started it cannot leave it running.
import { randomBytes } from 'node:crypto'
import { TestNetworkNoAppView } from '@atproto/dev-env'

// dev-env passes its config on whole: a port key that is undefined would hide the one it picked.
const port = Number(process.argv[2] || 0)

// The PLC and the PDS log every request otherwise; the tests read only the JSON line.
process.env.LOG_ENABLED = process.env.LOG_ENABLED || 'false'

const network = await TestNetworkNoAppView.create({ pds: port ? { port } : {} })
const agent = network.pds.getAgent()

async function account(name) {
  const password = randomBytes(18).toString('base64url')
  const { data } = await agent.com.atproto.server.createAccount({
    handle: `${name}.test`,
    email: `${name}@example.test`,
    password,
  })
  return { ...data, password }
}

const main = await account('realstories')
const other = await account('mentioned')
// The adapter logs in with an app password, as the organisation's would, never the account password.
const { data: appPassword } = await agent.com.atproto.server.createAppPassword(
  { name: 'real-stories' },
  { headers: { authorization: `Bearer ${main.accessJwt}` }, encoding: 'application/json' },
)

process.stdout.write(
  JSON.stringify({
    service_url: network.pds.url,
    handle: main.handle,
    did: main.did,
    app_password: appPassword.password,
    mention_handle: other.handle,
    mention_did: other.did,
  }) + '\n',
)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  try {
    await network.close()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
