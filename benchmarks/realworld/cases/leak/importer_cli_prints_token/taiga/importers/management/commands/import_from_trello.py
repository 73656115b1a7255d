from django.core.management.base import BaseCommand

from taiga.importers.trello.importer import TrelloImporter
from taiga.users.models import User


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--token", dest="token", type=str, help="Auth token")
        parser.add_argument("--project-id", dest="project_id", type=str, help="Project ID")

    def handle(self, *args, **options):
        admin = User.objects.get(username="admin")
        if options.get("token"):
            token = options["token"]
        else:
            oauth_token, oauth_token_secret, url = TrelloImporter.get_auth_url()
            print("Go to here and come with your token: {}".format(url))
            verifier = input("Code: ")
            access_data = TrelloImporter.get_access_token(oauth_token, oauth_token_secret, verifier)
            token = access_data["oauth_token"]
            print("Access token: {}".format(token))  # expect: NHL404
        importer = TrelloImporter(admin, token)

        project_id = options.get("project_id")
        if not project_id:
            for project in importer.list_projects():
                print("- {}: {}".format(project["id"], project["name"]))
            project_id = input("Project id: ")
        importer.import_project(project_id, {"template": "kanban"})
