from . import miz_secretariat_report_letter
