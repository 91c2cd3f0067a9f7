"""A reply to any email the system sent is about that story: a comment on it, never a new story; and a
reply whose references were lost does not gain a title of ours ("We have your story: …")."""

from __future__ import annotations

from email.message import EmailMessage

from chalicelib.domain.states import State

from .conftest import Pipeline

FROM = "alex.doe@example.gov.uk"


def reply_to(
    pipeline: Pipeline, subject_start: str, text: str, *, sender: str = FROM, refs: bool = True
) -> str:
    ours = [m for m in pipeline.mailer.sent if m.subject.startswith(subject_start)][-1]
    message_id = pipeline.mailer.ids[pipeline.mailer.sent.index(ours)]
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "stories@example.gov.uk", f"Re: {ours.subject}"
    if refs:
        msg["In-Reply-To"] = f"<{message_id}@eu-west-2.amazonses.com>"
        msg["References"] = f"<{message_id}@eu-west-2.amazonses.com>"
    msg.set_content(f"{text}\n\nOn Tue, Real Stories wrote:\n> {ours.text.splitlines()[0]}")
    key = pipeline.email("", "", msg=msg)
    pipeline.run()
    return key


def test_a_reply_to_the_receipt_is_a_comment_on_the_story_not_a_new_story(pipeline: Pipeline) -> None:
    pipeline.email("Bins", "Bin collections move to Tuesday in the north of the borough.")
    pipeline.run()
    reply_to(pipeline, "We have your story", "Thanks! Can it go out before Friday?")
    record = pipeline.only_story()  # still one story
    assert record.state is State.PENDING_APPROVAL and record.version == 1
    [comment] = [e for e in pipeline.table.audit(record.story_id) if e.action == "comment-by-reply"]
    assert (comment.actor, comment.reason) == (FROM, "Thanks! Can it go out before Friday?")
    assert not [m for m in pipeline.mail_to(FROM) if m.subject.startswith("We have your story: We have")]
    pipeline.redeliver_everything()
    assert len([e for e in pipeline.table.audit(record.story_id) if e.action == "comment-by-reply"]) == 1


def test_an_approvers_reply_to_the_approval_request_is_kept_as_their_comment(pipeline: Pipeline) -> None:
    pipeline.email("Bins", "Bin collections move to Tuesday in the north of the borough.")
    pipeline.run()
    reply_to(pipeline, "Approval needed", "Looks good to me.", sender="comms@example.gov.uk")
    record = pipeline.only_story()
    assert record.state is State.PENDING_APPROVAL  # a comment decides nothing: the buttons do
    actors = [e.actor for e in pipeline.table.audit(record.story_id) if e.action == "comment-by-reply"]
    assert actors == ["comms@example.gov.uk"]


def test_a_reply_whose_references_were_lost_does_not_gain_our_subject_as_its_title(
    pipeline: Pipeline,
) -> None:
    pipeline.email("Bins", "Bin collections move to Tuesday in the north of the borough.")
    pipeline.run()
    reply_to(pipeline, "We have your story", "Another one: the depot has a new gritter.", refs=False)
    titles = sorted(r.title for r in pipeline.table.list())
    assert titles == ["Bins", "Bins"]
