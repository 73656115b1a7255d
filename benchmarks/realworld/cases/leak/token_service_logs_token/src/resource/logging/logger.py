from logging import Logger

import src.resource.Di as Di

# The application logger, built once by the dependency container.
logger = Di.instance.get(Logger)
