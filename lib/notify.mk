# lib/notify.mk: notifications (channels, Apprise URLs, delivery), alert
# rules and the outbox.
lib_libebay_la_SOURCES += \
	lib/notify.c lib/notify.h lib/notify-private.h \
	lib/notify-chat.c \
	lib/notify-email.c \
	lib/notify-ntfy.c \
	lib/notify-outbox.c lib/notify-outbox.h \
	lib/notify-url.c \
	lib/notify-webhook.c \
	lib/rules.c lib/rules.h

dist_templates_DATA += \
	cgi/tpl/notify-discord.tpl \
	cgi/tpl/notify-email.tpl \
	cgi/tpl/notify-ntfy.tpl \
	cgi/tpl/notify-slack.tpl \
	cgi/tpl/notify-telegram.tpl \
	cgi/tpl/notify-text.tpl \
	cgi/tpl/notify-webhook.tpl
