"""Persian translations of the miz addons.

    i18n.py merge ADDON SNIPPET.po   merge msgid/msgstr pairs into addons/ADDON/i18n/fa.po (under a lock)
    i18n.py sync ADDON DB            re-export ADDON's terms from database DB (where it is installed), keep every
                                     known translation, write fa.po with Odoo's references, list what is missing
    i18n.py missing ADDON DB         only list the terms of ADDON that have no Persian translation (exit 1 if any)

`sync` and `missing` need Odoo: run them with the venv's python and PYTHONPATH=$ODOO_SRC (scripts/miz.sh
exports both); the Odoo configuration is taken from $CONF or .miz/odoo.conf.
"""

import contextlib
import fcntl
import io
import os
import pathlib
import sys

import polib

REPO = pathlib.Path(__file__).resolve().parent.parent
HEADER = {
    "Project-Id-Version": "miz 18.0",
    "Language": "fa",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def po_path(addon):
    return REPO / "addons" / addon / "i18n" / "fa.po"


@contextlib.contextmanager
def locked(addon):
    path = po_path(addon)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(str(path) + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load(path):
    if path.exists():
        return polib.pofile(str(path), wrapwidth=0)
    po = polib.POFile(wrapwidth=0)
    po.metadata = dict(HEADER)
    return po


def known(po):
    """msgid -> msgstr of every translated entry (the dictionary kept across exports)."""
    return {e.msgid: e.msgstr for e in po if e.msgstr}


def save(po, path):
    po.metadata.update({k: v for k, v in HEADER.items() if k not in po.metadata})
    po.save(str(path))


def merge(addon, snippet):
    new = polib.pofile(snippet, wrapwidth=0)
    with locked(addon) as path:
        po = load(path)
        for entry in po:
            # Odoo's PO reader needs a line number on every occurrence
            entry.occurrences = [(ref, line or "0") for ref, line in entry.occurrences]
        by_id = {e.msgid: e for e in po}
        added = updated = 0
        for entry in new:
            if not entry.msgid or not entry.msgstr:
                continue
            if not entry.comment.startswith("module"):
                # Odoo's PO reader requires the "#. module: <addon>" comment on every entry
                entry.comment = f"module: {addon}"
            if not entry.occurrences:
                # until `sync` writes the real references, let Odoo use it as a code translation (_() terms)
                entry.occurrences = [(f"code:addons/{addon}/__init__.py", "0")]
            cur = by_id.get(entry.msgid)
            if cur is None:
                po.append(entry)
                by_id[entry.msgid] = entry
                added += 1
            elif cur.msgstr != entry.msgstr:
                cur.msgstr = entry.msgstr
                updated += 1
            if cur is not None and entry.occurrences and not cur.occurrences:
                cur.occurrences = entry.occurrences
        save(po, path)
    sys.stdout.write(f"{addon}: {added} added, {updated} updated ({len(po)} entries)\n")


def export_pot(addon, dbname):
    import odoo
    from odoo.tools import config
    from odoo.tools.translate import trans_export

    config.parse_config(["-c", os.environ.get("CONF", str(REPO / ".miz" / "odoo.conf"))])
    registry = odoo.modules.registry.Registry(dbname)
    buf = io.BytesIO()
    with registry.cursor() as cr:
        trans_export(None, [addon], buf, "po", cr)
    return polib.pofile(buf.getvalue().decode(), wrapwidth=0)


def sync(addon, dbname, write=True):
    pot = export_pot(addon, dbname)
    with locked(addon) as path:
        po = load(path)
        dictionary = known(po)
        out = polib.POFile(wrapwidth=0)
        out.metadata = dict(HEADER)
        missing = []
        for entry in pot:
            entry.msgstr = dictionary.get(entry.msgid, "")
            if not entry.msgstr:
                missing.append(entry)
            out.append(entry)
        if write:
            # keep translations not (yet) exported, e.g. of code another engineer is still writing
            exported = {e.msgid for e in pot}
            for msgid, msgstr in dictionary.items():
                if msgid not in exported:
                    out.append(polib.POEntry(msgid=msgid, msgstr=msgstr, obsolete=True))
            save(out, path)
    for entry in missing:
        refs = ", ".join(f"{a}" for a, _b in entry.occurrences[:2])
        sys.stdout.write(f"missing: {entry.msgid!r}  ({refs})\n")
    sys.stdout.write(f"{addon}: {len(pot)} terms, {len(missing)} without Persian\n")
    return 1 if missing else 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "merge":
        merge(sys.argv[2], sys.argv[3])
    elif cmd == "sync":
        sys.exit(sync(sys.argv[2], sys.argv[3]))
    elif cmd == "missing":
        sys.exit(sync(sys.argv[2], sys.argv[3], write=False))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
