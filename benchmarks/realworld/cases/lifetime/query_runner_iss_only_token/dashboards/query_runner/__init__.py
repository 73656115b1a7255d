class BaseSQLQueryRunner:
    def __init__(self, configuration):
        self.configuration = configuration


def register(runner_class):
    return runner_class
