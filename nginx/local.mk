# nginx/: the server configuration.  `make install` installs the server
# block with the installed paths; nginx/gen-conf.sh makes private copies.
nginx_DATA += nginx/ebay-scanner.conf
EXTRA_DIST += nginx/ebay-scanner.conf.in nginx/nginx.conf.in nginx/gen-conf.sh
CLEANFILES += nginx/ebay-scanner.conf
nginx/ebay-scanner.conf: nginx/ebay-scanner.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) nginx && sed \
	    -e 's|@LISTEN@|8080|g' \
	    -e 's|@RUNDIR@|$(localstatedir)/run/ebay-scanner|g' \
	    -e 's|@STATICDIR@|$(staticdir)|g' \
	    -e 's|@FASTCGI_PARAMS@|/etc/nginx/fastcgi_params|g' \
	    $(top_srcdir)/nginx/ebay-scanner.conf.in >$@
