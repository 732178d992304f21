import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestPersianComplete(TransactionCase):
    """Every term of every installed miz addon has a Persian translation in its i18n/fa.po."""

    def test_every_miz_term_translated(self):
        modules = self.env["ir.module.module"].search([("name", "=like", "miz\\_%"), ("state", "=", "installed")])
        self.assertIn("miz_base", modules.mapped("name"))
        untranslated = []
        for module in modules.mapped("name"):
            path = os.path.join(get_module_path(module), "i18n", "fa.po")
            known = set()
            if os.path.exists(path):
                known = {e.msgid for e in polib.pofile(path) if e.msgstr and not e.obsolete}
            reader = TranslationModuleReader(self.env.cr, modules=[module])
            for term_module, _type, name, _res_id, source, _value, _comments in reader:
                if term_module == module and source not in known:
                    untranslated.append(f"{module}: {source!r} ({name})")
        self.assertFalse(untranslated, "Terms without Persian translation:\n" + "\n".join(sorted(set(untranslated))))
