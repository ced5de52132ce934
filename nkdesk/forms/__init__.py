"""The paper forms, made with reportlab from stored data (no Qt): `nkdesk form NAME` and the
window's Print action produce the same PDFs. reportlab is imported only when a form is printed."""
