from . import miz_secretariat_refer_wizard
