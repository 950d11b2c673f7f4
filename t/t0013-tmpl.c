/* tmpl: hostile strings come out escaped; unsafe templates are refused. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "tmpl.h"
#include "tap.h"

static void
put(const char *dir, const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		tap_skip_all("cannot write a template");
	fputs(text, f);
	fclose(f);
}

int
main(void)
{
	char			 dir[] = "/tmp/ebs-tmpl-XXXXXX", *cause = NULL;
	char			 bad1[] = "/tmp/ebs-tmpl-XXXXXX";
	char			 bad2[] = "/tmp/ebs-tmpl-XXXXXX";
	struct tmpl_dict	*d, *row;
	struct buf		 out;
	const char		*s;
	pid_t			 pid;

	if (mkdtemp(dir) == NULL || mkdtemp(bad1) == NULL ||
	    mkdtemp(bad2) == NULL)
		tap_skip_all("mkdtemp failed");
	put(bad1, "x.tpl", "<p>{{T}}</p>\n");
	put(bad2, "x.tpl", "{{%AUTOESCAPE context=\"HTML\"}}{{T:none}}\n");
	/* Checked in children: tmpl_init succeeds once per process. */
	if ((pid = fork()) == 0)
		_exit(!tmpl_init(bad1, &cause) && cause != NULL &&
		    strstr(cause, "AUTOESCAPE") != NULL ? 0 : 1);
	ok(pid > 0 && waitpid(pid, NULL, 0) == pid, "child ran");
	put(dir, "page.tpl", "{{%AUTOESCAPE context=\"HTML\"}}"
	    "<p title=\"{{T}}\">{{T}}</p><a href=\"{{U}}\">x</a>"
	    "{{#ROW}}<li>{{N}}</li>{{/ROW}}{{CHART_HTML:none}}\n");
	put(dir, "msg.tpl", "{{%AUTOESCAPE context=\"JSON\"}}"
	    "{\"title\":\"{{T:x-json}}\"}\n");
	ok(!tmpl_init(bad2, &cause) && cause != NULL &&
	    strstr(cause, ":none") != NULL, ":none on a non-_HTML name refused");
	free(cause);
	ok(tmpl_init(dir, &cause), "good templates load");

	d = tmpl_new();
	tmpl_set(d, "T", "<script>alert(1)</script>\"'&amp;\xe2\x80\xae");
	tmpl_set(d, "U", "javascript:alert(1)");
	row = tmpl_section(d, "ROW");
	tmpl_set(row, "N", "</li><img src=x onerror=alert(1)>");
	tmpl_set_trusted_html(d, "CHART_HTML", "<svg></svg>");
	buf_init(&out, 0);
	ok(tmpl_expand("page.tpl", d, &out), "expands");
	s = buf_cstr(&out);
	ok(strstr(s, "<script>") == NULL && strstr(s, "&lt;script&gt;") !=
	    NULL, "markup escaped in text");
	ok(strstr(s, "title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;"
	    "&#39;&amp;amp;") != NULL, "quotes escaped in attributes");
	ok(strstr(s, "href=\"#\"") != NULL || strstr(s, "javascript:") == NULL,
	    "javascript: URL neutralised");
	ok(strstr(s, "<img") == NULL, "section values escaped");
	ok(strstr(s, "<svg></svg>") != NULL, "trusted _HTML value raw");
	tmpl_free(d);

	buf_reset(&out);
	d = tmpl_new();
	tmpl_set(d, "T", "a\"b\\c\n</script>");
	ok(tmpl_expand("msg.tpl", d, &out), "JSON template expands");
	is_str(buf_cstr(&out), "{\"title\":\"a\\\"b\\\\c\\n\\u003c/script"
	    "\\u003e\"}\n", "x-json escapes quotes, backslashes, newlines, <>");
	tmpl_free(d);
	buf_free(&out);
	return tap_done();
}
