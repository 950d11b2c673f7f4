/*
 * The page layout every HTML route uses (cgi/tpl/layout.tpl): the header
 * with the navigation, the user and a logout form carrying the CSRF token;
 * a demo-mode banner when no eBay keys are configured; messages (a one-time
 * notice carried over a redirect, warnings, errors); the eBay attribution
 * footer.  A handler fills the body template's dictionary and sends:
 *
 *	struct page	 p;
 *	struct tmpl_dict *d = page_begin(&p, req, "Saved searches",
 *	    "searches.tpl");
 *	tmpl_set(d, "NAME", name);	(escaped by the template)
 *	page_send(&p, 200);		(frees p)
 *
 * Every dictionary a page hands out already holds CSRF (the session's
 * token, for hidden fields: <input type="hidden" name="csrf"
 * value="{{CSRF}}">), USERNAME, and the section SIGNED_IN when there is a
 * user.  The error page (resp_error) uses the same layout.
 *
 * Warnings: page_warning() adds one to a page; the table in page.c of
 * checks run for every signed-in page is where an area adds a standing
 * warning (for example "a channel keeps failing").
 */
#ifndef PAGE_H
#define PAGE_H

/* The cookie carrying page_flash_redirect's notice to the next page. */
#define PAGE_FLASH_COOKIE	"flash"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct req;
struct tmpl_dict;
struct valid_errs;

enum page_msg {
	PAGE_MSG_NOTICE,	/* "Saved." */
	PAGE_MSG_WARNING,	/* "A channel keeps failing." */
	PAGE_MSG_ERROR,		/* "eBay did not answer." */
	PAGE_MSG__MAX
};

struct page {
	struct req		*req;
	struct tmpl_dict	*root;	/* layout.tpl */
	struct tmpl_dict	*body;	/* the body template's */
	const char		*body_tpl;
};

struct tmpl_dict *page_begin(struct page *, struct req *, const char *title,
		    const char *body_tpl);
void		 page_message(struct page *, enum page_msg, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 page_warning(struct page *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 page_send(struct page *, int status);
void		 page_free(struct page *);
void		 page_error(struct req *, int status, const char *field,
		    const char *message);
void		 page_flash_redirect(struct req *, const char *location,
		    const char *notice);

/* Form helpers. */
void		 page_errors(struct tmpl_dict *, const struct valid_errs *);
void		 page_choices(struct tmpl_dict *, const char *section,
		    const char *const *values, const char *const *labels,
		    size_t n, unsigned selected);
void		 page_choice(struct tmpl_dict *, const char *section,
		    const char *value, const char *label, bool selected);
void		 page_money(int64_t cents, const char *currency, char *out,
		    size_t);
void		 page_set_money(struct tmpl_dict *, const char *key,
		    int64_t cents, const char *currency);
void		 page_ago(long long seconds, char *out, size_t);
void		 page_duration(long long seconds, char *out, size_t);
void		 page_set_time(struct tmpl_dict *, const char *key,
		    const char *iso, long long age_seconds);
const char	*page_upper(const char *, char *out, size_t);

#endif
