# Importing a report needs the same statistics clerk, tracked indicators and temporary media folder
# as the economy tests.
from tests.economy.conftest import media_in_tmp, statistician, tracked  # noqa: F401
