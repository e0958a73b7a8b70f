from django.urls import path

from stufenweg.casework.views import actions, assignment, detail, listing, overviews

app_name = "casework"
urlpatterns = [
    path("", listing.participant_list_view, name="participant_list"),
    path("filter/speichern/", listing.saved_filter_save_view, name="saved_filter_save"),
    path("filter/<int:pk>/loeschen/", listing.saved_filter_delete_view, name="saved_filter_delete"),
    path("zuweisen/", actions.refer, name="refer"),
    path("arbeitslisten/", overviews.worklists, name="worklists"),
    path("fallzahlen/", overviews.caseload, name="caseload"),
    path("massnahmen/", overviews.measure_list, name="measure_list"),
    path("<int:pk>/", detail.participant_detail, name="participant_detail"),
    path("teilnahme/<int:pk>/aktion/<slug:slug>/", actions.journey_action, name="journey_action"),
    path("teilnahme/<int:pk>/uebernehmen/", assignment.case_take, name="case_take"),
    path("teilnahme/<int:pk>/fachkraft/", assignment.caseworker_assign, name="caseworker_assign"),
    path("teilnahme/<int:pk>/kontakt/", actions.contact_add, name="contact_add"),
    path("teilnahme/<int:pk>/termin/", actions.appointment_add, name="appointment_add"),
    path("teilnahme/<int:pk>/einschaetzung/", actions.assessment_add, name="assessment_add"),
    path("teilnahme/<int:pk>/ziel/", actions.goal_add, name="goal_add"),
    path("teilnahme/<int:pk>/schritt/", actions.plan_action_add, name="plan_action_add"),
    path("ziel/<int:pk>/stand/", actions.goal_status, name="goal_status"),
    path("ziel/<int:pk>/bearbeiten/", actions.goal_edit, name="goal_edit"),
    path("schritt/<int:pk>/bearbeiten/", actions.plan_action_edit, name="plan_action_edit"),
    path("schritt/<int:pk>/fortschritt/", actions.plan_action_progress, name="plan_action_progress"),
    path("termin/<int:pk>/stand/", actions.appointment_status, name="appointment_status"),
    path("ereignis/<int:pk>/korrigieren/", actions.event_correct, name="event_correct"),
    path("ereignis/<int:pk>/zuruecknehmen/", actions.event_void, name="event_void"),
]
