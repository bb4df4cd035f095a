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
    (tmp_path / "ar.pickle").write_bytes(b"\x80\x05not a pickle")
    assert Fragments(tmp_path, "salt").shelf("ar").get("k", lambda: "<p>made</p>") == "<p>made</p>"
    Fragments(tmp_path, "salt").save()  # nothing asked for: nothing written
    assert (tmp_path / "ar.pickle").read_bytes() == b"\x80\x05not a pickle"


def test_an_unchanged_shelf_is_not_written_again(tmp_path: Path) -> None:
    first = Fragments(tmp_path, "salt")
    first.shelf("ar").get("k", lambda: "<p>x</p>")
    first.save()
    stamp = (tmp_path / "ar.pickle").stat().st_mtime_ns
    (tmp_path / "ar.pickle").touch()
    touched = (tmp_path / "ar.pickle").stat().st_mtime_ns
    second = Fragments(tmp_path, "salt")
    second.shelf("ar").get("k", lambda: "<p>y</p>")
    assert not second.shelf("ar").changed
    second.save()
    assert (tmp_path / "ar.pickle").stat().st_mtime_ns == touched >= stamp


def test_without_a_folder_pieces_live_in_memory_only(tmp_path: Path) -> None:
    memory = Fragments(None, "")
    assert memory.shelf("ar").get("k", lambda: "<p>x</p>") == "<p>x</p>"
    memory.save()
    assert list(tmp_path.iterdir()) == []
    assert Shelf().get("k", lambda: "v") == "v"
