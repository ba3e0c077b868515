"""``eoffice demo --lang en``: the common options work wherever a user puts them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eoffice.cli import build_parser, main


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--lang", "en", "--user", "snv.giamdoc"],
        ["--lang", "en", "demo", "--user", "snv.giamdoc"],
        ["--lang", "en", "--user", "snv.giamdoc", "demo"],
        ["--user", "snv.giamdoc", "demo", "--lang", "en"],
    ],
)
def test_demo_takes_lang_and_user_before_or_after_its_name(argv):
    args = build_parser().parse_args(argv)
    assert args.func.__name__ == "cmd_demo"
    assert args.lang == "en"
    assert args.user == "snv.giamdoc"


def test_a_value_after_the_command_wins_and_one_before_survives():
    args = build_parser().parse_args(["--lang", "en", "demo", "--data-dir", "/tmp/x"])
    assert (args.lang, args.data_dir) == ("en", "/tmp/x")
    assert build_parser().parse_args(["demo"]).lang == "vi"


def test_server_and_signing_commands_take_lang_after_their_name():
    args = build_parser().parse_args(
        ["admin", "create-user", "--lang", "en", "--username", "a", "--full-name", "A", "--organ-id", "X",
         "--roles", "clerk"]
    )
    assert args.lang == "en"
    assert build_parser().parse_args(["verify", "a.pdf", "--lang", "en"]).lang == "en"


def test_migrate_in_english_after_the_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'e.sqlite3'}"
    assert main(["migrate", "--lang", "en", "--database-url", url]) == 0
    assert (tmp_path / "e.sqlite3").exists()


def test_the_installed_command_accepts_demo_lang_en(tmp_path):
    """The user's exact words: ``eoffice demo --lang en`` is not an argparse error."""
    done = subprocess.run(
        [sys.executable, "-m", "eoffice", "demo", "--lang", "en", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "--lang" in done.stdout
