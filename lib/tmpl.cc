/*
 * ctemplate wrapper (see tmpl.h).  The only C++ in the project.
 */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <new>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_modifiers.h>

extern "C" {
#include "buf.h"
#include "log.h"
}
#include "tmpl.h"

using ctemplate::TemplateDictionary;

static bool	 tmpl_ready;
static const char tmpl_none[] = "{{%AUTOESCAPE context=\"NONE\"}}";

/*
 * ctemplate's JSON context escapes for JavaScript (\x22), which is not
 * JSON.  x-json writes a JSON string's contents: quotes, backslashes and
 * control characters escaped, and <, >, &, U+2028, U+2029 as \uXXXX so the
 * text is also safe inside HTML.  Every variable of a JSON template must
 * use it (checked by tmpl_init).
 */
class TmplJsonEscape : public ctemplate::TemplateModifier {
	void Modify(const char *in, size_t n, const ctemplate::PerExpandData *,
	    ctemplate::ExpandEmitter *out, const std::string &) const
	{
		char	 esc[8];
		size_t	 i;

		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)in[i];

			if (c == '"')
				out->Emit("\\\"");
			else if (c == '\\')
				out->Emit("\\\\");
			else if (c == '\n')
				out->Emit("\\n");
			else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' ||
			    c == '&') {
				snprintf(esc, sizeof esc, "\\u%04x", c);
				out->Emit(esc);
			} else if (c == 0xe2 && i + 2 < n &&
			    (unsigned char)in[i + 1] == 0x80 &&
			    ((unsigned char)in[i + 2] == 0xa8 ||
			    (unsigned char)in[i + 2] == 0xa9)) {
				out->Emit((unsigned char)in[i + 2] == 0xa8 ?
				    "\\u2028" : "\\u2029");
				i += 2;
			} else
				out->Emit((char)c);
		}
	}
};
static TmplJsonEscape	 tmpl_json_escape;

static TemplateDictionary *
tmpl_d(struct tmpl_dict *d)
{
	return reinterpret_cast<TemplateDictionary *>(d);
}

static struct tmpl_dict *
tmpl_c(TemplateDictionary *d)
{
	return reinterpret_cast<struct tmpl_dict *>(d);
}

static bool
tmpl_trusted_key(const char *key)
{
	size_t	 len = strlen(key);

	return len > 5 && strcmp(key + len - 5, "_HTML") == 0;
}

static bool
tmpl_fail(char **cause, const char *file, const char *why)
{
	if (asprintf(cause, "template %s: %s", file, why) < 0)
		*cause = NULL;
	return false;
}

/*
 * Check one template's text: the AUTOESCAPE pragma first, and :none only
 * on _HTML names.
 */
static bool
tmpl_check(const char *file, const std::string &text, char **cause)
{
	size_t	 at, end, colon;

	static const char	 pragma[] = "{{%AUTOESCAPE context=\"";

	static const char	 json[] = "{{%AUTOESCAPE context=\"JSON\"}}";
	bool			 is_json;

	if (text.compare(0, sizeof pragma - 1, pragma) != 0)
		return tmpl_fail(cause, file, "does not start with "
		    "{{%AUTOESCAPE context=\"...\"}}");
	is_json = text.compare(0, sizeof json - 1, json) == 0;
	for (at = text.find("{{"); at != std::string::npos;
	    at = text.find("{{", at + 2)) {
		if ((end = text.find("}}", at)) == std::string::npos)
			break;
		std::string tag = text.substr(at + 2, end - at - 2);
		if (is_json && tag.size() > 0 &&
		    strchr("#/>!%^", tag[0]) == NULL &&
		    tag.find(":x-json") == std::string::npos)
			return tmpl_fail(cause, file, ("JSON template: write {{" +
			    tag + ":x-json}} (ctemplate's JSON escaping is "
			    "not JSON)").c_str());
		if ((colon = tag.find(':')) == std::string::npos ||
		    tag.find("none", colon) == std::string::npos)
			continue;
		std::string name = tag.substr(0, colon);
		if (!tmpl_trusted_key(name.c_str()))
			return tmpl_fail(cause, file, ("uses :none on " + name +
			    ", which is not a _HTML name").c_str());
	}
	return true;
}

static bool
tmpl_read(const std::string &path, std::string &out)
{
	FILE	*f;
	char	 chunk[4096];
	size_t	 n;

	if ((f = fopen(path.c_str(), "r")) == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		out.append(chunk, n);
	fclose(f);
	return true;
}

/*
 * Load and check every *.tpl in dir, then freeze the cache so templates
 * are never read again.  False with *cause (caller frees) on any error.
 */
bool
tmpl_init(const char *dir, char **cause)
{
	ctemplate::TemplateCache	*cache;
	DIR				*d;
	struct dirent			*de;
	size_t				 len;
	bool				 ok = true;

	*cause = NULL;
	if (tmpl_ready)
		return true;
	ctemplate::AddXssSafeModifier("x-json", &tmpl_json_escape);
	cache = ctemplate::mutable_default_template_cache();
	cache->SetTemplateRootDirectory(dir);
	if ((d = opendir(dir)) == NULL)
		return tmpl_fail(cause, dir, "cannot open the directory");
	while (ok && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".tpl") != 0)
			continue;
		std::string text;
		if (!tmpl_read(std::string(dir) + "/" + de->d_name, text))
			ok = tmpl_fail(cause, de->d_name, "cannot be read");
		else if (!tmpl_check(de->d_name, text, cause))
			ok = false;
		else if (text.compare(0, sizeof tmpl_none - 1, tmpl_none) == 0) {
			/*
			 * Plain text: ctemplate's pragma has no such context,
			 * so the pragma is dropped and nothing is escaped.
			 */
			if (!ctemplate::StringToTemplateCache(de->d_name,
			    text.substr(sizeof tmpl_none - 1),
			    ctemplate::STRIP_BLANK_LINES))
				ok = tmpl_fail(cause, de->d_name,
				    "has a syntax error (see the log)");
		} else if (!ctemplate::LoadTemplate(de->d_name,
		    ctemplate::STRIP_BLANK_LINES))
			ok = tmpl_fail(cause, de->d_name,
			    "has a syntax error (see the log)");
	}
	closedir(d);
	if (!ok)
		return false;
	cache->Freeze();
	tmpl_ready = true;
	return true;
}

struct tmpl_dict *
tmpl_new(void)
{
	try {
		return tmpl_c(new TemplateDictionary("root"));
	} catch (const std::bad_alloc &) {
		log_fatal("tmpl_new: out of memory");
	}
}

void
tmpl_free(struct tmpl_dict *d)
{
	delete tmpl_d(d);
}

/* Set a value, escaped by the template's context; NULL sets "". */
void
tmpl_set(struct tmpl_dict *d, const char *key, const char *value)
{
	if (tmpl_trusted_key(key))
		log_fatal("tmpl_set: %s is a _HTML key: use "
		    "tmpl_set_trusted_html", key);
	tmpl_d(d)->SetValue(key, value != NULL ? value : "");
}

void
tmpl_setf(struct tmpl_dict *d, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		log_fatal("tmpl_setf: out of memory");
	va_end(ap);
	tmpl_set(d, key, s);
	free(s);
}

void
tmpl_set_int(struct tmpl_dict *d, const char *key, long long n)
{
	tmpl_setf(d, key, "%lld", n);
}

/*
 * Set markup the program itself built and vouches for (an SVG chart made
 * of numbers, never of eBay or user text).  The key must end in _HTML.
 */
void
tmpl_set_trusted_html(struct tmpl_dict *d, const char *key, const char *html)
{
	if (!tmpl_trusted_key(key))
		log_fatal("tmpl_set_trusted_html: %s must end in _HTML", key);
	tmpl_d(d)->SetValue(key, html != NULL ? html : "");
}

void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	tmpl_d(d)->ShowSection(section);
}

/* Add one row of a repeated section; the row is owned by d. */
struct tmpl_dict *
tmpl_section(struct tmpl_dict *d, const char *section)
{
	return tmpl_c(tmpl_d(d)->AddSectionDictionary(section));
}

/* Fill {{>marker}} with file; the returned dictionary is owned by d. */
struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *marker, const char *file)
{
	TemplateDictionary	*sub;

	sub = tmpl_d(d)->AddIncludeDictionary(marker);
	sub->SetFilename(file);
	return tmpl_c(sub);
}

/* Expand file with d, appending to out.  False if the template is unknown. */
bool
tmpl_expand(const char *file, struct tmpl_dict *d, struct buf *out)
{
	std::string	 s;

	try {
		if (!ctemplate::ExpandTemplate(file,
		    ctemplate::STRIP_BLANK_LINES, tmpl_d(d), &s)) {
			log_error("tmpl: cannot expand %s", file);
			return false;
		}
	} catch (const std::bad_alloc &) {
		log_fatal("tmpl_expand: out of memory");
	}
	buf_add(out, s.data(), s.size());
	return !buf_failed(out);
}
