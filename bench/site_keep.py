"""Keeping the site benchmark's data between runs: a pg_dump of the database and the media.

`--keep DIR` writes them after a run has built the data; `--reuse DIR` restores them into the
next throwaway cluster instead of generating and indexing again, then migrates, so new
migrations (an index, say) apply on top. The search index is the one kept: rebuild by running
without `--reuse` when indexing changes.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

DUMP = "klimathubben.dump"
SIZES = "sizes.json"
SIZE_NAMES = [
    "case_studies", "events", "issues", "images", "documents", "tags", "series", "english",
    "seed",
]  # fmt: skip


def pg_tool(name):
    return str(Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")) / name)


def connection_args(config):
    arguments = ["-d", config["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if config.get(key):
            arguments += [flag, str(config[key])]
    return arguments


def tool_env(config):
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return env


def keep(directory, config, args, media_root):
    """The database, the media files and the sizes that made them, into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    command = [pg_tool("pg_dump"), "-Fc", "-f", str(directory / DUMP), *connection_args(config)]
    subprocess.run(command, env=tool_env(config), check=True)  # noqa: S603 (fixed command)
    shutil.rmtree(directory / "media", ignore_errors=True)
    shutil.copytree(media_root, directory / "media")
    sizes = {name: getattr(args, name) for name in SIZE_NAMES}
    (directory / SIZES).write_text(json.dumps(sizes, indent=2) + "\n")


def restore(directory, config, args, media_root):
    """What `keep` wrote, into the new database and MEDIA_ROOT; the sizes go into `args`."""
    directory = Path(directory)
    for needed in (DUMP, SIZES, "media"):
        if not (directory / needed).exists():
            raise FileNotFoundError(f"--reuse {directory}: no {needed}; make it with --keep")
    for name, value in json.loads((directory / SIZES).read_text()).items():
        setattr(args, name, value)
    command = [pg_tool("pg_restore"), "--no-owner", "-j", "2", *connection_args(config)]
    command.append(str(directory / DUMP))
    subprocess.run(command, env=tool_env(config), check=True)  # noqa: S603 (fixed command)
    shutil.copytree(directory / "media", media_root, dirs_exist_ok=True)
