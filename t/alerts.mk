# t/alerts.mk: notification, alert and feed tests, and the receivers they
# run on loopback (HTTP on libmicrohttpd, SMTP of our own).
T_RCV_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t $(PQ_CFLAGS) $(JSONC_CFLAGS) \
	$(CURL_CFLAGS)
check_PROGRAMS += t/receiver-http t/receiver-smtp t/receiver-json \
	t/receiver-send t/receiver-rules
t_receiver_http_SOURCES = t/receiver-http.c t/receiver.c t/receiver.h
t_receiver_http_CPPFLAGS = $(T_RCV_CPPFLAGS) $(MHD_CFLAGS)
t_receiver_http_LDADD = $(LIBEBAY) $(MHD_LIBS)
nodist_EXTRA_t_receiver_http_SOURCES = dummy.cxx
t_receiver_smtp_SOURCES = t/receiver-smtp.c t/receiver.c t/receiver.h
t_receiver_smtp_CPPFLAGS = $(T_RCV_CPPFLAGS)
t_receiver_smtp_LDADD = $(LIBEBAY)
nodist_EXTRA_t_receiver_smtp_SOURCES = dummy.cxx
t_receiver_json_SOURCES = t/receiver-json.c
t_receiver_json_CPPFLAGS = $(T_RCV_CPPFLAGS)
t_receiver_json_LDADD = $(LIBEBAY)
nodist_EXTRA_t_receiver_json_SOURCES = dummy.cxx
t_receiver_send_SOURCES = t/receiver-send.c
t_receiver_send_CPPFLAGS = $(T_RCV_CPPFLAGS)
t_receiver_send_LDADD = $(LIBEBAY)
nodist_EXTRA_t_receiver_send_SOURCES = dummy.cxx

t_receiver_rules_SOURCES = t/receiver-rules.c
t_receiver_rules_CPPFLAGS = $(T_RCV_CPPFLAGS)
t_receiver_rules_LDADD = $(LIBEBAY)
nodist_EXTRA_t_receiver_rules_SOURCES = dummy.cxx

T_NOTIFY_UNIT = t/t0220-notify-url
check_PROGRAMS += $(T_NOTIFY_UNIT)
t_t0220_notify_url_SOURCES = t/t0220-notify-url.c
t_t0220_notify_url_CPPFLAGS = $(T_RCV_CPPFLAGS)
t_t0220_notify_url_LDADD = $(T_LDADD)
nodist_EXTRA_t_t0220_notify_url_SOURCES = dummy.cxx

T_NOTIFY_SH = t/t0221-notify-send.sh t/t0222-rules.sh t/t0223-outbox.sh \
	t/t0330-channels.sh t/t0340-feeds.sh t/t0440-alerts-scan.sh
dist_check_SCRIPTS += $(T_NOTIFY_SH)
dist_check_DATA += t/lib-receiver.sh t/lib-alerts.sh
TESTS += $(T_NOTIFY_UNIT) $(T_NOTIFY_SH)
