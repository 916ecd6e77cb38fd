"""``{% similar_plans strategy %}`` / ``{% similar_goals item %}``: the precomputed lists, one query each."""

from django import template

from veikart.web.search.facade import more_like_this

register = template.Library()


@register.inclusion_tag("search/_similar_list.html", takes_context=True)
def similar_plans(context, strategy, n: int = 5):
    return {"rows": more_like_this(strategy, n, context["request"].user)}


@register.inclusion_tag("search/_similar_list.html", takes_context=True)
def similar_goals(context, item, n: int = 5):
    return {"rows": more_like_this(item, n, context["request"].user)}
