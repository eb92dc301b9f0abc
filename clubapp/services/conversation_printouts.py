"""Gather the rows for a picture conversation's printout (the member's own copy) and
for the picture conversations on the About me page.

Who may see a conversation follows clubapp.services.conversations: the coordinator sees
every one; the committee and volunteers only those shared with the name. The printing
package (and ReportLab) is imported only when a printout is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.conversations import ConversationCard
from clubapp.services import club, conversations
from clubapp.services.conversations import ConversationDetail
from clubapp.services.permissions import Actor, allowed, internal

if TYPE_CHECKING:
    from clubapp.printing.conversations import PrintedConversation


def _photos(session: Session, details: Sequence[ConversationDetail]) -> dict[int, bytes]:
    """The photos of the cards in these conversations that have one, by card id."""
    wanted = {a.card_id for d in details for a in d.answers if a.has_photo}
    if not wanted:
        return {}
    rows = session.execute(
        select(ConversationCard.id, ConversationCard.photo).where(
            ConversationCard.id.in_(wanted), ConversationCard.photo.is_not(None)
        )
    )
    return {card_id: photo for card_id, photo in rows if photo}


def printed(detail: ConversationDetail, photos: dict[int, bytes]) -> PrintedConversation:
    """A conversation as the printing package wants it."""
    from clubapp.printing.conversations import PrintedCard, PrintedConversation

    def cards(place: str) -> tuple[PrintedCard, ...]:
        return tuple(
            PrintedCard(a.word, a.picture, photos.get(a.card_id), a.own_words)
            for a in detail.placed(place)
        )

    return PrintedConversation(
        conversation_id=detail.conversation_id,
        name=detail.person_name,
        topic=detail.topic_name,
        on_date=detail.on_date,
        helped_by=detail.helped_by,
        finished=detail.finished,
        own_words=detail.own_words,
        like=cards("like"),
        not_sure=cards("not_sure"),
        dislike=cards("dislike"),
        skipped=tuple(a.word for a in detail.placed("skipped")),
    )


@internal
def printed_conversations(
    session: Session, details: Sequence[ConversationDetail]
) -> list[PrintedConversation]:
    """Several conversations for a printout, their card photos read in one query."""
    photos = _photos(session, details)
    return [printed(detail, photos) for detail in details]


@allowed("notes.see_shared")
def conversation_pdf(session: Session, actor: Actor, conversation_id: int, today: date) -> bytes:
    """One picture conversation in large print, for the member to keep: the three places
    side by side with the cards' pictures and words, and what the member said.
    NotFound when there is no such conversation or the actor may not see it."""
    from clubapp.printing.conversations import conversation_pdf as make_pdf

    detail = conversations.get_conversation(session, actor, conversation_id)
    (conversation,) = printed_conversations(session, [detail])
    return make_pdf(club.club_name(session) or "", conversation, today)
