"""The pieces of whole-site pages kept across builds: reused only under the same salt and key."""

from __future__ import annotations

from pathlib import Path

from generator.fragments import Fragments, Shelf


def test_a_piece_is_made_once_and_then_reused(tmp_path: Path) -> None:
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text

    first = Fragments(tmp_path, "salt")
    assert first.shelf("ar").get("k1", lambda: make("<p>one</p>")) == "<p>one</p>"
    assert first.shelf("ar").get("k1", lambda: make("<p>again</p>")) == "<p>one</p>"
    first.shelf("ar").get("k2", lambda: make("<p>two</p>"))
    first.save()
    assert made == ["<p>one</p>", "<p>two</p>"]

    second = Fragments(tmp_path, "salt")
    assert second.shelf("ar").get("k1", lambda: make("<p>new</p>")) == "<p>one</p>"
    assert second.shelf("ar").get("k3", lambda: make("<p>three</p>")) == "<p>three</p>"
    assert second.shelf("ar").made == 1
    second.save()
    # Only what the second build used is kept: k2 is gone, so it is made again if it comes back.
    third = Fragments(tmp_path, "salt").shelf("ar")
    assert set(third.stored) == {"k1", "k3"}


def test_another_salt_or_shelf_starts_empty(tmp_path: Path) -> None:
    kept = Fragments(tmp_path, "code-1")
    kept.shelf("ar").get("k", lambda: "<p>old</p>")
    kept.save()
    assert Fragments(tmp_path, "code-2").shelf("ar").get("k", lambda: "<p>new</p>") == "<p>new</p>"
    assert Fragments(tmp_path, "code-1").shelf("en").get("k", lambda: "<p>en</p>") == "<p>en</p>"


def test_a_corrupt_or_foreign_shelf_file_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / "ar.json").write_bytes(b"\x80\x05not a record")
    assert Fragments(tmp_path, "salt").shelf("ar").get("k", lambda: "<p>made</p>") == "<p>made</p>"
    Fragments(tmp_path, "salt").save()  # nothing asked for: nothing written
    assert (tmp_path / "ar.json").read_bytes() == b"\x80\x05not a record"


def test_an_unchanged_shelf_is_not_written_again(tmp_path: Path) -> None:
    first = Fragments(tmp_path, "salt")
    first.shelf("ar").get("k", lambda: "<p>x</p>")
    first.save()
    stamp = (tmp_path / "ar.json").stat().st_mtime_ns
    (tmp_path / "ar.json").touch()
    touched = (tmp_path / "ar.json").stat().st_mtime_ns
    second = Fragments(tmp_path, "salt")
    second.shelf("ar").get("k", lambda: "<p>y</p>")
    assert not second.shelf("ar").changed
    second.save()
    assert (tmp_path / "ar.json").stat().st_mtime_ns == touched >= stamp


def test_without_a_folder_pieces_live_in_memory_only(tmp_path: Path) -> None:
    memory = Fragments(None, "")
    assert memory.shelf("ar").get("k", lambda: "<p>x</p>") == "<p>x</p>"
    memory.save()
    assert list(tmp_path.iterdir()) == []
    assert Shelf().get("k", lambda: "v") == "v"


def test_a_small_change_writes_only_the_difference_until_it_grows(tmp_path: Path) -> None:
    def build(keys: range | list[int]) -> Fragments:
        fragments = Fragments(tmp_path, "salt")
        shelf = fragments.shelf("events")
        for k in keys:
            shelf.get(f"k{k}", lambda k=k: f"<p>{k}</p>")
        fragments.save()
        return fragments

    whole, difference = tmp_path / "events.json", tmp_path / "events.delta.json"
    build(range(100))
    written = whole.read_bytes()
    assert not difference.exists()
    build([*range(1, 100), 100])  # one piece dropped, one added: the difference only
    assert whole.read_bytes() == written and difference.exists()
    assert set(Fragments(tmp_path, "salt").shelf("events").stored) == {f"k{k}" for k in range(1, 101)}
    build([*range(2, 100), 100, 101])  # again: the difference from the whole record, not from the last
    assert whole.read_bytes() == written
    stored = Fragments(tmp_path, "salt").shelf("events").stored
    assert stored == {f"k{k}": f"<p>{k}</p>" for k in [*range(2, 100), 100, 101]}
    build(range(50, 150))  # half of it changed: written whole again, the difference removed
    assert whole.read_bytes() != written and not difference.exists()
    assert set(Fragments(tmp_path, "salt").shelf("events").stored) == {f"k{k}" for k in range(50, 150)}


def test_a_difference_without_its_whole_record_is_ignored(tmp_path: Path) -> None:
    first = Fragments(tmp_path, "salt")
    for k in range(20):
        first.shelf("ar").get(f"k{k}", lambda: "<p>old</p>")
    first.save()
    second = Fragments(tmp_path, "salt")
    for k in range(1, 21):
        second.shelf("ar").get(f"k{k}", lambda: "<p>new</p>")
    second.save()
    difference = (tmp_path / "ar.delta.json").read_bytes()
    third = Fragments(tmp_path, "salt")  # rewritten whole under a new token: the old difference is stale
    third.shelf("ar").get("k0", lambda: "<p>x</p>")  # dropped by the difference: made again
    third.save()
    assert not (tmp_path / "ar.delta.json").exists()
    (tmp_path / "ar.delta.json").write_bytes(difference)  # it would drop k0 and add k20
    assert Fragments(tmp_path, "salt").shelf("ar").stored == {"k0": "<p>x</p>"}
    (tmp_path / "ar.delta.json").write_bytes(b"not a record")
    assert Fragments(tmp_path, "salt").shelf("ar").stored == {"k0": "<p>x</p>"}


def test_a_cache_that_cannot_be_written_only_costs_the_next_build(tmp_path: Path) -> None:
    (tmp_path / "ar.json").mkdir()  # neither the whole record nor its difference can be written
    (tmp_path / "ar.delta.json").mkdir()
    fragments = Fragments(tmp_path, "salt")
    assert fragments.shelf("ar").get("k", lambda: "<p>x</p>") == "<p>x</p>"
    fragments.save()
    assert Fragments(tmp_path, "salt").shelf("ar").stored == {}


def test_a_piece_put_in_place_of_a_stored_one_is_what_the_next_build_reads(tmp_path: Path) -> None:
    first = Fragments(tmp_path, "salt")
    shelf = first.shelf("rows")
    for key in "abcdefgh":
        shelf.get(key, lambda key=key: f"piece {key}")
    first.save()
    second = Fragments(tmp_path, "salt")
    shelf = second.shelf("rows")
    for key in "abcdefg":
        shelf.get(key, lambda: "never made")
    shelf.put("h", "a better piece")  # the stored one could not be used
    second.save()  # a small difference: written beside the record
    assert Fragments(tmp_path, "salt").shelf("rows").stored == {
        **{key: f"piece {key}" for key in "abcdefg"},
        "h": "a better piece",
    }
