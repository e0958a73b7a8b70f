"""factory_boy factories for the domain. Synthetic data only."""

from __future__ import annotations

import datetime as dt

import factory

from stufenweg.organisations.models import Membership, Organisation, Region, User
from stufenweg.people.models import Household, Person
from stufenweg.programmes.models import Measure, Programme, Stage


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"R{n}")
    name = factory.Sequence(lambda n: f"Region {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.PROVIDER
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Nutzer{n}")
    password = factory.django.Password("Sicheres-Passwort-2026")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.CASEWORKER


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    household_id = factory.Sequence(lambda n: f"BG{n:06d}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    person_id = factory.Sequence(lambda n: f"P{n:06d}")
    first_name = factory.Iterator(["Anna", "Jens", "Katrin", "Mehmet", "Olga", "Uwe"])
    last_name = factory.Iterator(["Schulze", "Müller", "Weiß", "Öztürk", "Krause", "Lehmann"])
    birth_date = dt.date(1980, 5, 17)
    gender = Person.Gender.FEMALE

    @factory.post_generation
    def search_index(self, create, extracted, **kwargs):
        """As every write path of the product: the person's search-index row (search, name order)."""
        if create:
            from stufenweg.casework.services import search_index_update

            search_index_update(persons=[self])


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PRG{n}")
    name = factory.Sequence(lambda n: f"Programm {n}")


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    name = factory.Sequence(lambda n: f"Stufe {n}")
    position = factory.Sequence(lambda n: n + 1)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"M{n}")
    name = factory.Sequence(lambda n: f"Maßnahme {n}")
    programme = factory.SubFactory(ProgrammeFactory)
    provider = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PROVIDER)
    region = factory.SubFactory(RegionFactory)
    operation = "ESF-100"
    places = 10
    start = dt.date(2020, 1, 1)

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create and extracted:
            self.stages.set(extracted)
