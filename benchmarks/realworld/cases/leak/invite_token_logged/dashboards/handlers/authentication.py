import logging

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_user
from itsdangerous import BadSignature, SignatureExpired
from sqlalchemy.orm.exc import NoResultFound

from dashboards import models
from dashboards.authentication import current_org
from dashboards.authentication.account import validate_token
from dashboards.handlers import routes

logger = logging.getLogger(__name__)


def render_token_login_page(template, org_slug, token, invite):
    error_message = None
    try:
        user_id = validate_token(token)
        user = models.User.get_by_id_and_org(user_id, current_org._get_current_object())
    except NoResultFound:
        # The signature is good: the link belongs to a user, just not one of this org.
        logger.exception("Bad user id in token. Token=%s , User id= %s, Org=%s", token, user_id, org_slug)  # expect: NHL404
        error_message = "Your invite link is invalid. Bad user id in token. Please ask for a new one."
    except SignatureExpired:
        logger.exception("Token signature has expired. Token: %s, org=%s", token, org_slug)
        error_message = "Your invite link has expired. Please ask for a new one."
    except BadSignature:
        logger.exception("Bad signature for the token: %s, org=%s", token, org_slug)
        error_message = "Your invite link is invalid. Bad signature. Please double-check the token."

    if error_message:
        return render_template("error.html", error_message=error_message), 400

    if request.method == "POST" and request.form.get("password"):
        user.is_invitation_pending = False
        user.hash_password(request.form["password"])
        models.db.session.add(user)
        login_user(user)
        models.db.session.commit()
        return redirect(url_for("dashboards.index", org_slug=org_slug))
    if request.method == "POST":
        flash("Cannot use empty password.")
    return render_template(template, org_slug=org_slug, user=user), 200


@routes.route("/<org_slug>/invite/<token>", methods=["GET", "POST"])
def invite(token, org_slug=None):
    return render_token_login_page("invite.html", org_slug, token, True)


@routes.route("/<org_slug>/reset/<token>", methods=["GET", "POST"])
def reset(token, org_slug=None):
    return render_token_login_page("reset.html", org_slug, token, False)
