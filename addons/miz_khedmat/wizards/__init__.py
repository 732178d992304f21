from . import miz_khedmat_survey_entry
from . import miz_khedmat_request_cancel
