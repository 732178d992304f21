from . import miz_holiday_import
