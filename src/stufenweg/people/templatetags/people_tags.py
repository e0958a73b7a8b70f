"""The person page's sections owned by the people app: details (with the edit link) and documents."""

from __future__ import annotations

from django import template

from stufenweg.people.selectors import documents_of, may_write_person

register = template.Library()


@register.inclusion_tag("people/partials/person_details.html", takes_context=True)
def person_details(context, person):
    user = context["request"].user
    return {"person": person, "age": context.get("age"), "can_edit_person": may_write_person(user, person)}


@register.inclusion_tag("people/partials/documents.html", takes_context=True)
def person_documents(context, person):
    user = context["request"].user
    return {
        "person": person,
        "documents": documents_of(person),
        "can_edit_person": may_write_person(user, person),
        "csrf_token": context.get("csrf_token"),
    }
