from . import miz_agency
from . import miz_audit
from . import miz_audit_line_mixin
from . import miz_audit_contradiction
from . import miz_audit_correction
