from . import miz_audit_table_wizard
from . import miz_audit_import
