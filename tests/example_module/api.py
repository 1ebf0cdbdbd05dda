"""/api/example/: mounted by the kernel from the manifest; session-authenticated and scoped like the page."""

from datetime import date

from ninja import Router, Schema

from tests.example_module import selectors

router = Router(tags=["民情记录"])


class NoteOut(Schema):
    id: int
    household_no: str
    community: str
    title: str
    opened_on: date
    due_on: date
    closed_on: date | None


@router.get("/notes/{note_id}", response=NoteOut, summary="一条民情")
def note_detail(request, note_id: int):
    note = selectors.note_or_404(request.user, note_id)  # another unit's note: 404
    return NoteOut(
        id=note.pk,
        household_no=note.household.household_no,
        community=note.community.name,
        title=note.title,
        opened_on=note.opened_on,
        due_on=note.due_on,
        closed_on=note.closed_on,
    )
