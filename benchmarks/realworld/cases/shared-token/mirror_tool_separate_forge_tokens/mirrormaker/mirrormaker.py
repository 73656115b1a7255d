import click

from . import github, gitlab


@click.command()
@click.option("--github-token", envvar="MIRRORMAKER_GITHUB_TOKEN", required=True, help="GitHub authentication token")
@click.option("--gitlab-token", envvar="MIRRORMAKER_GITLAB_TOKEN", required=True, help="GitLab authentication token")
@click.option("--github-user", required=True)
@click.option("--dry-run", is_flag=True)
def mirrormaker(github_token, gitlab_token, github_user, dry_run):
    github.token = github_token
    gitlab.token = gitlab_token
    for repo in gitlab.get_repos():
        if dry_run:
            click.echo(f"would mirror {repo['path']}")
            continue
        github.create_repo(repo["path"], repo.get("description") or "")
        gitlab.add_mirror(repo, f"https://{github_user}@github.com/{github_user}/{repo['path']}.git")
