/*
 * Templates: ctemplate behind a C API.  Every template must open with an
 * AUTOESCAPE pragma (HTML, JSON, XML, JAVASCRIPT or NONE for plain text),
 * so values are escaped for their context by ctemplate itself.  Templates
 * are loaded once per process by tmpl_init() and then frozen.
 *
 * The one way to emit markup unescaped is tmpl_set_trusted_html(), for keys
 * ending in _HTML, which templates write as {{NAME_HTML:none}}; tmpl_init()
 * refuses a template using :none on any other name, and tmpl_set() refuses
 * _HTML keys, so grep tmpl_set_trusted_html finds every raw value.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf;
struct tmpl_dict;

bool		  tmpl_init(const char *dir, char **cause);
struct tmpl_dict *tmpl_new(void);
void		  tmpl_free(struct tmpl_dict *);
void		  tmpl_set(struct tmpl_dict *, const char *, const char *);
void		  tmpl_setf(struct tmpl_dict *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		  tmpl_set_int(struct tmpl_dict *, const char *, long long);
void		  tmpl_set_trusted_html(struct tmpl_dict *, const char *,
		    const char *);
void		  tmpl_show(struct tmpl_dict *, const char *);
struct tmpl_dict *tmpl_section(struct tmpl_dict *, const char *);
struct tmpl_dict *tmpl_include(struct tmpl_dict *, const char *,
		    const char *);
bool		  tmpl_expand(const char *, struct tmpl_dict *, struct buf *);

#ifdef __cplusplus
}
#endif

#endif
