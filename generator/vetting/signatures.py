"""Signing and checking approvals with OpenSSH: `ssh-keygen -Y sign` and `-Y verify`.

We write no cryptography of our own. A reviewer signs an order's digest with their SSH key
(the same kind of key staff already use for git, or a hardware security key); the build
accepts the approval only when `ssh-keygen -Y verify` says the signature is good for that
reviewer, under an allowed-signers line made from content/reviewers.yml that names their
key, our namespace and the dates of their authority, at the approval's date.

One `ssh-keygen` run costs a few milliseconds, which for a province's 5,000 orders is
half a minute of processor time per build. So good results are remembered, in memory (for
`serve`) and in a file in the user's cache folder, under a hash of everything the check
depends on: the reviewer's allowed-signers line, the date, the message and the signature.
A changed byte anywhere is a new check. The cache is never read from the project folder,
where whoever can commit could plant it. Failures are not remembered.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
import shutil
import stat
import struct
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.problems import BuildFailed
from generator.source.models.reviewers import Reviewer, fingerprint, key_blob

# A signature made for anything else (a git commit, a file) is not an approval.
NAMESPACE = "job-order-approval@labour-export-site"

# The demo reviewer's key ships with the project, private half included (demo-keys/): anyone
# can sign as them. The build warns while they are listed; see vetting/approvals.py.
DEMO_FINGERPRINT = "SHA256:DvdOGfZ3SysB9Gll797OTkTpX4LTE7zZg53/9AxIYCg"

ARMOR = ("-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----")


class SigningFailed(Exception):
    """`ssh-keygen -Y sign` did not sign; `text` is (zh, en) for staff."""

    def __init__(self, text: tuple[str, str], detail: str = "", code: str = "V-FILING-SIGNATURE-MISSING"):
        super().__init__(text[1])
        self.text, self.detail, self.code = text, detail.strip(), code


def _tool() -> str:
    path = shutil.which("ssh-keygen")
    if path is None:
        raise BuildFailed(("找不到 ssh-keygen：审核签名要用它签名和核验。请安装 OpenSSH 客户端（Debian/Ubuntu：apt-get install "
                           "openssh-client；Windows 10 以上自带）",
                           "ssh-keygen is not installed: approvals are signed and checked with it. Install the "
                           "OpenSSH client (Debian/Ubuntu: apt-get install openssh-client; built into Windows 10 "
                           "and later)"))
    return path


# ---- the signature text -----------------------------------------------------------

def body(armored: str) -> str:
    """The one-line form stored in filing.signature: the armour's base64, joined."""
    lines = [l.strip() for l in armored.strip().splitlines()]
    return "".join(l for l in lines if l and l not in ARMOR)


def armored(one_line: str) -> str:
    return "\n".join([ARMOR[0]] + [one_line[i:i + 70] for i in range(0, len(one_line), 70)] + [ARMOR[1], ""])


def signer_blob(one_line: str) -> bytes | None:
    """The public key inside a signature (RFC-style SSHSIG: magic, version, public key …),
    for telling staff whose key made it. Only messages use this; whether a signature is
    accepted is decided by `ssh-keygen -Y verify` alone."""
    try:
        raw = base64.b64decode(one_line, validate=True)
    except (binascii.Error, ValueError):
        return None
    if raw[:6] != b"SSHSIG" or len(raw) < 14:
        return None
    (n,) = struct.unpack(">I", raw[10:14])
    blob = raw[14:14 + n]
    return blob if len(blob) == n and n > 4 else None


def signer_fingerprint(one_line: str) -> str | None:
    blob = signer_blob(one_line)
    return fingerprint(blob) if blob else None


# ---- checking -----------------------------------------------------------------------

def _day(d: dt.date) -> str:
    return d.strftime("%Y%m%d") + "Z"


def allowed_line(reviewer: Reviewer) -> str:
    """The reviewer's allowed-signers line: their key, only for approvals, only within
    their dates (valid-before is inclusive at the day's start, as is the check's time)."""
    options = [f'namespaces="{NAMESPACE}"', f'valid-after="{_day(reviewer.valid_from)}"']
    if reviewer.valid_until is not None:
        options.append(f'valid-before="{_day(reviewer.valid_until)}"')
    return f"{reviewer.id} {','.join(options)} {reviewer.key}"


@dataclass(frozen=True)
class Claim:
    """One approval to check: `signature` over `message` by `reviewer` on `on`."""
    reviewer: Reviewer
    on: dt.date
    message: str
    signature: str

    @property
    def key(self) -> str:
        text = "\0".join(["v1", NAMESPACE, allowed_line(self.reviewer), _day(self.on), self.message,
                          self.signature])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


_good: set[str] = set()           # keys of claims ssh-keygen accepted, this process
_file_loaded: Path | None = None


def cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "labour-export-site" / "approvals-verified-v1"


def _load_cache() -> None:
    global _file_loaded
    path = cache_file()
    if _file_loaded == path:
        return
    _file_loaded = path
    try:
        _good.update(line.strip() for line in path.read_text("ascii").splitlines() if len(line.strip()) == 64)
    except (OSError, UnicodeDecodeError):
        pass       # no cache yet, or unreadable: every claim is checked, which is only slower


def _save_cache(keys: list[str]) -> None:
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="ascii") as f:
            f.write("".join(k + "\n" for k in keys))
    except OSError:
        pass       # a read-only home folder costs speed on the next build, not correctness


def _verify_one(tool: str, folder: Path, claim: Claim) -> bool:
    name = claim.key
    allowed, sig = folder / f"{name}.allowed", folder / f"{name}.sig"
    allowed.write_text(allowed_line(claim.reviewer) + "\n", "utf-8")
    sig.write_text(armored(claim.signature), "ascii")
    done = subprocess.run([tool, "-Y", "verify", "-f", str(allowed), "-I", claim.reviewer.id, "-n", NAMESPACE,
                           "-s", str(sig), f"-Overify-time={_day(claim.on)}"],
                          input=claim.message.encode("utf-8"), capture_output=True, check=False)
    return done.returncode == 0


def verify_many(claims: list[Claim]) -> dict[Claim, bool]:
    """Whether ssh-keygen accepts each claim; runs in parallel, remembers the good ones."""
    _load_cache()
    todo = list({c.key: c for c in claims if c.key not in _good}.values())
    if todo:
        tool = _tool()
        with tempfile.TemporaryDirectory(prefix="lx-verify-") as tmp:
            with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
                results = list(pool.map(lambda c: _verify_one(tool, Path(tmp), c), todo))
        good = [c.key for c, ok in zip(todo, results) if ok]
        _good.update(good)
        if good:
            _save_cache(good)
    return {c: c.key in _good for c in claims}


# ---- signing ------------------------------------------------------------------------

def _run_sign(tool: str, key_file: Path, message: str) -> subprocess.CompletedProcess:
    # The passphrase, if any, is asked for on the terminal (ssh-keygen opens it itself).
    return subprocess.run([tool, "-Y", "sign", "-n", NAMESPACE, "-f", str(key_file)],
                          input=message.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


def _is_demo(key_file: Path) -> bool:
    pub = key_file if key_file.suffix == ".pub" else key_file.with_name(key_file.name + ".pub")
    try:
        blob = key_blob(pub.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    return blob is not None and fingerprint(blob) == DEMO_FINGERPRINT


def sign(key: Path | str, message: str) -> str:
    """The one-line signature of `message` with `key`: a private key file, a public key file
    whose private half is in ssh-agent, or such a public key line. Raises SigningFailed."""
    tool = _tool()
    with tempfile.TemporaryDirectory(prefix="lx-sign-") as tmp:
        if isinstance(key, str):
            key_file = use = Path(tmp) / "agent-key.pub"
            use.write_text(key + "\n", "utf-8")
        else:
            key_file = use = key
        if key_file.suffix != ".pub" and key_file.exists() and _is_demo(key_file) and \
                stat.S_IMODE(key_file.stat().st_mode) & 0o077:
            # The demo key is public by design, and git checks it out readable by all, which
            # ssh-keygen rightly refuses for a real key. Only the demo key gets a private copy.
            use = Path(tmp) / "demo-key"
            shutil.copyfile(key_file, use)
            use.chmod(0o600)
        done = _run_sign(tool, use, message)
    err = done.stderr.decode("utf-8", "replace")
    if done.returncode == 0:
        return body(done.stdout.decode("ascii", "replace"))
    if "too open" in err:
        raise SigningFailed((f"私钥文件 {key_file} 别人也能读取，ssh-keygen 拒绝使用。请运行 chmod 600 {key_file}",
                             f"the private key file {key_file} can be read by others, so ssh-keygen will not use "
                             f"it: run chmod 600 {key_file}"), err)
    if "No such file" in err or not key_file.exists():
        raise SigningFailed((f"找不到密钥文件 {key_file}", f"the key file {key_file} does not exist"), err)
    if "passphrase" in err.lower():
        raise SigningFailed(("私钥的密码不对", "the key's passphrase was wrong"), err)
    if "agent" in err.lower() or "No private key" in err:
        raise SigningFailed((f"{key_file} 是公钥，而 ssh-agent 中没有对应的私钥：请用 ssh-add 加入私钥，或用 --key 给出私钥文件",
                             f"{key_file} is a public key and ssh-agent does not hold its private half: add it "
                             "with ssh-add, or give the private key file with --key"), err)
    raise SigningFailed(("ssh-keygen 未能签名", "ssh-keygen could not sign"), err)


def find_key(reviewer: Reviewer, ssh_dir: Path | None = None) -> Path | str | None:
    """Where the reviewer's private key can be used from, without being told: ssh-agent
    (returned as the public key line, to sign through the agent), or a key pair in ~/.ssh
    whose public half is the listed key."""
    wanted = key_blob(reviewer.key)
    if os.environ.get("SSH_AUTH_SOCK") and shutil.which("ssh-add"):
        done = subprocess.run(["ssh-add", "-L"], capture_output=True, text=True, check=False)
        for line in done.stdout.splitlines() if done.returncode == 0 else []:
            if key_blob(line) == wanted:
                return line.strip()
    ssh_dir = ssh_dir or Path.home() / ".ssh"
    for pub in sorted(ssh_dir.glob("*.pub")) if ssh_dir.is_dir() else []:
        try:
            blob = key_blob(pub.read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        private = pub.with_suffix("")
        if blob == wanted and private.exists():
            return private
    return None
