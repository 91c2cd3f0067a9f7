"""A real WordPress (Debian's package) on loopback, so the adapter's contract tests run against the service.

MariaDB runs as the current user on a socket in a temporary directory (no networking); a copy of
Debian's WordPress tree gets its own ``wp-config.php`` and is served by PHP's built-in server with a
router script that gives it pretty permalinks (``/wp-json/``). The site is installed and its users
(one per role, each with an application password generated at run time) are made in PHP.
Everything is started once per test session and removed at the end.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

WORDPRESS = Path("/usr/share/wordpress")
ROLES = ("administrator", "editor", "author", "contributor")
START_TIMEOUT_S = 60

_CONFIG = """<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{salts}
$table_prefix = 'wp_';
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
// Application passwords over plain http are allowed only outside production.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) {{ define('ABSPATH', __DIR__ . '/'); }}
require_once ABSPATH . 'wp-settings.php';
"""

# PHP's built-in server has no mod_rewrite: files are served as they are, everything else goes to
# index.php, which is what WordPress's own .htaccess does.
_ROUTER = """<?php
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if ($path !== '/' && file_exists($root . $path) && !is_dir($root . $path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require $root . '/index.php';
"""

_INSTALL = """<?php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url('{url}', PHP_URL_HOST) . ':' . parse_url('{url}', PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Real Stories contract tests', 'installer', 'installer@example.invalid', true, '',
           wp_generate_password(32));
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
$out = [];
foreach (json_decode('{roles}') as $role) {{
    $id = wp_insert_user(['user_login' => "rs-$role", 'user_email' => "$role@example.invalid",
                          'user_pass' => wp_generate_password(32), 'role' => $role]);
    if (is_wp_error($id)) {{ fwrite(STDERR, $id->get_error_message()); exit(1); }}
    [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'tests']);
    $out[$role] = ['username' => "rs-$role",
                   'password' => WP_Application_Passwords::chunk_password($password)];
}}
echo json_encode($out);
"""


@dataclass(frozen=True)
class WordPressUser:
    username: str
    application_password: str


@dataclass(frozen=True)
class WordPressSite:
    """A running site: its address, its users by role, and where its uploads are stored."""

    base_url: str
    users: dict[str, WordPressUser]
    uploads: Path


def missing() -> str | None:
    """Why a real WordPress cannot be started here, or None when it can."""
    for need in (WORDPRESS / "wp-settings.php", Path("/usr/sbin/mariadbd")):
        if not need.exists():
            return f"{need} is missing: `make wordpress` installs Debian's WordPress and MariaDB"
    if shutil.which("php") is None or shutil.which("mariadb-install-db") is None:
        return "php or mariadb-install-db is missing: `make wordpress` installs them"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(check: object, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.1)
    raise RuntimeError(
        f"{what} did not start in {START_TIMEOUT_S} s:\n{log.read_text(errors='replace')[-2000:]}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process and, when it leads its own group (PHP's server and its workers), the whole group."""
    own_group = os.getpgid(process.pid) == process.pid if process.poll() is None else False
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            if own_group:
                os.killpg(process.pid, sig)
            else:
                process.send_signal(sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            continue


def _salts() -> str:
    names = ("AUTH", "SECURE_AUTH", "LOGGED_IN", "NONCE")
    lines = []
    for name in names:
        for kind in ("KEY", "SALT"):
            lines.append(f"define('{name}_{kind}', '{secrets.token_hex(32)}');")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def real_wordpress() -> Iterator[WordPressSite]:
    """Debian's WordPress and MariaDB, started once for the session; skipped when not installed."""
    reason = missing()
    if reason is not None:
        pytest.skip(reason)
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="rs-wordpress-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        data, sock, db_log = tmp / "mysql", tmp / "mysql.sock", tmp / "mariadb.log"
        subprocess.run(
            ["mariadb-install-db", "--no-defaults", "--user=root", f"--datadir={data}",
             "--skip-test-db", "--auth-root-authentication-method=socket"],
            check=True, capture_output=True,
        )  # fmt: skip
        with db_log.open("wb") as out:
            processes.append(
                subprocess.Popen(
                    [
                        "mariadbd",
                        "--no-defaults",
                        "--user=root",
                        f"--datadir={data}",
                        f"--socket={sock}",
                        "--skip-networking",
                        f"--pid-file={tmp / 'mariadb.pid'}",
                        "--innodb-buffer-pool-size=32M",
                    ],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        _wait_for(sock.exists, "MariaDB", db_log)
        subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "-e", "CREATE DATABASE wordpress"],
            check=True, capture_output=True,
        )  # fmt: skip

        root = tmp / "www"
        shutil.copytree(WORDPRESS, root, symlinks=True)
        (root / ".htaccess").unlink(missing_ok=True)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        (root / "wp-config.php").write_text(_CONFIG.format(socket=sock, salts=_salts(), url=url))
        (tmp / "router.php").write_text(_ROUTER)
        (root / "rs-install.php").write_text(_INSTALL.format(url=url, roles=json.dumps(ROLES)))
        installed = subprocess.run(
            ["php", str(root / "rs-install.php")], check=True, capture_output=True, cwd=root
        )
        (root / "rs-install.php").unlink()
        users = {
            role: WordPressUser(v["username"], v["password"])
            for role, v in json.loads(installed.stdout.decode().strip().splitlines()[-1]).items()
        }
        php_log = tmp / "php.log"
        limits = ["-d", "post_max_size=64M", "-d", "upload_max_filesize=64M", "-d", "memory_limit=512M"]
        with php_log.open("wb") as out:
            processes.append(
                subprocess.Popen(
                    ["php", *limits, "-S", f"127.0.0.1:{port}", "-t", str(root), str(tmp / "router.php")],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    cwd=root,
                    # Several workers, as Apache has: a slow upload must not hold every other request.
                    env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
                    # Its own process group: the workers are children that must stop with it.
                    start_new_session=True,
                )
            )

        def answering() -> bool:
            try:
                return requests.get(url + "/wp-json/", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        _wait_for(answering, "PHP's server with WordPress", php_log)
        print(f"\nreal WordPress started in {time.monotonic() - started:.1f} s at {url}")
        yield WordPressSite(url, users, root / "wp-content" / "uploads")
    finally:
        for process in reversed(processes):
            _stop(process)
        shutil.rmtree(tmp, ignore_errors=True)
