"""Which identity-provider claims may give a role in this app's database."""

from components.shell.auth import identity


def test_the_account_is_matched_on_the_email_claim_not_on_the_subject():
    assert identity({"sub": "hr-7731", "email": "a.jansen@hr.nl"}) == ("a.jansen@hr.nl", True)


def test_an_email_the_provider_marks_unverified_gives_no_role():
    claims = {"sub": "x", "email": "wethouder@hr.nl", "email_verified": False}
    assert identity(claims) == ("wethouder@hr.nl", False)
    assert identity({**claims, "email_verified": "false"})[1] is False


def test_a_verified_email_is_trusted():
    assert identity({"sub": "x", "email": "a@b.nl", "email_verified": True})[1] is True


def test_without_an_email_claim_the_user_is_named_but_not_matched():
    assert identity({"sub": "hr-7731", "name": "A. Jansen"}) == ("A. Jansen", False)
    assert identity({"sub": "hr-7731"}) == ("hr-7731", False)
