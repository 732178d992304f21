from . import report_miz_audit_xlsx
from . import report_miz_audit_appendix2
from . import report_miz_audit_appendix3
