import sys
from getpass import getuser

from traitlets import Unicode, default
from traitlets.config import Application

from hub import orm
from hub.server import Hub


class NewToken(Application):
    """Generate and print a new API token for a user: printing it is the command's job."""

    name = "hub-token"
    description = """Generate and return new API token for a user.

    Usage:

        hub token [username]
    """

    username = Unicode()

    @default("username")
    def _default_username(self):
        return getuser()

    def parse_command_line(self, argv=None):
        super().parse_command_line(argv=argv)
        if not self.extra_args:
            return
        if len(self.extra_args) > 1:
            print("Must specify exactly one username", file=sys.stderr)
            self.exit(1)
        self.username = self.extra_args[0]

    def start(self):
        hub = Hub(parent=self)
        hub.load_config_file(hub.config_file)
        hub.init_db()
        user = orm.User.find(hub.db, self.username)
        if user is None:
            print(f"No such user: {self.username}", file=sys.stderr)
            self.exit(1)
        token = user.new_api_token(note="command-line generated")
        print(token)
