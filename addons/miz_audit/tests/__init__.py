from . import test_audit_roles
from . import test_audit_reminders
from . import test_audit_import
from . import test_audit_print
