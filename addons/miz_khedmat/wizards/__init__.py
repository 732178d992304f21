from . import miz_khedmat_survey_entry
