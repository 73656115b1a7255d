"""What questions over the whole project read of a module: the tokens it mints, the credentials
it gives to clients or sends to hosts, the credential settings it holds for an environment
(`ModuleExport.project_facts`, built when one first asks, nhilint.project.build.project_facts).

Kept apart from the rest of an export and imported only then: a check that asks no question over
the whole project (a one-file check of JWT code) does not create these four classes. A frozen
dataclass costs about four million instructions to create, most of it compiling the methods it
generates: the four were 0.7 % of the JWT file's check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Tuple

from nhilint.project.exports import Place


@dataclass(frozen=True)
class MintExport:
    key: str  # the signing key's identity, module-qualified (nhilint.flow.mints)
    kind: str
    place: Place


@dataclass(frozen=True)
class CredentialUseExport:
    """A credential given to a client or sent to a host (NHL302)."""

    key: str  # the credential's identity, module-qualified
    shown: str
    service: Tuple[str, str]  # ("class", qualname) or ("host", domain)
    service_shown: str
    place: Place


@dataclass(frozen=True)
class EnvironmentSettingExport:
    """A credential setting of one environment (NHL303): `STRIPE_KEY` in settings/staging.py."""

    environment: str
    setting: str
    key: str  # the credential's identity
    shown: str
    place: Place


@dataclass(frozen=True)
class ProjectFacts:
    """What questions over the whole project read of a module (built when one first asks)."""

    mints: Tuple[MintExport, ...] = ()
    credential_uses: Tuple[CredentialUseExport, ...] = ()
    environment_settings: Tuple[EnvironmentSettingExport, ...] = ()


NO_FACTS = ProjectFacts()


def facts_from_json(data: Mapping[str, Any]) -> ProjectFacts:
    """The facts as `asdict` wrote them to the export cache (nhilint.project.exports.to_json)."""
    return ProjectFacts(
        mints=tuple(MintExport(key=m["key"], kind=m["kind"], place=Place(**m["place"])) for m in data["mints"]),
        credential_uses=tuple(
            CredentialUseExport(key=u["key"], shown=u["shown"], service=(u["service"][0], u["service"][1]),
                                service_shown=u["service_shown"], place=Place(**u["place"]))
            for u in data["credential_uses"]
        ),
        environment_settings=tuple(
            EnvironmentSettingExport(environment=e["environment"], setting=e["setting"], key=e["key"],
                                     shown=e["shown"], place=Place(**e["place"]))
            for e in data["environment_settings"]
        ),
    )
