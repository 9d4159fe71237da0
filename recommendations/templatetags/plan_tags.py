"""Template tags for the plan's statuses and ratings; the markup is recommendations.html's."""

from django import template

from recommendations import html

register = template.Library()

register.simple_tag(html.action_status_tag, name="action_status_tag")
register.simple_tag(html.recommendation_status_tag, name="recommendation_status_tag")
register.simple_tag(html.progress_tag, name="progress_tag")
register.simple_tag(html.overdue_tag, name="overdue_tag")
register.filter("due_words", html.due_words)
