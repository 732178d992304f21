from . import miz_secretariat_report_letter
from . import miz_secretariat_report_register_book
