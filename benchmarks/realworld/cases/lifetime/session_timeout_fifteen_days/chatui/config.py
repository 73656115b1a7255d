import os
from dataclasses import dataclass, field

import tomli


@dataclass
class ProjectSettings:
    enable_telemetry: bool = True
    # Duration (in seconds) during which a lost connection's session is kept
    session_timeout: int = 300
    # Duration (in seconds) of the user session: also the lifetime of its JWT
    user_session_timeout: int = 1296000
    cache: bool = False
    allow_origins: list[str] = field(default_factory=lambda: ["*"])


@dataclass
class AppConfig:
    project: ProjectSettings


def load_config(path: str = ".chatui/config.toml") -> AppConfig:
    project = ProjectSettings()
    if os.path.exists(path):
        with open(path, "rb") as handle:
            values = tomli.load(handle).get("project", {})
        project = ProjectSettings(**values)
    return AppConfig(project=project)


config = load_config()
