/*
 * receiver-json: check a file a receiver recorded as strict JSON (json-c)
 * and print one value.  For tests.
 *
 *   receiver-json FILE [PATH]	PATH is dot-separated: alerts.0.title
 *
 * Exit status 0 when the file parses (and PATH exists), 1 otherwise.
 * Strings print raw; other values as JSON.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"

int
main(int argc, char **argv)
{
	struct json_tokener	*tok;
	struct json_object	*root, *o;
	struct buf		 b;
	char			 chunk[8192], *path, *seg, *save = NULL, *end;
	size_t			 n;
	long			 idx;
	FILE			*f;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: receiver-json FILE [PATH]\n");
		return 2;
	}
	if ((f = fopen(argv[1], "r")) == NULL)
		return 1;
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, buf_cstr(&b), (int)b.len);
	if (root == NULL || json_tokener_get_parse_end(tok) != b.len) {
		fprintf(stderr, "receiver-json: not JSON: %s\n",
		    json_tokener_error_desc(json_tokener_get_error(tok)));
		return 1;
	}
	o = root;
	if (argc == 3) {
		path = strdup(argv[2]);
		for (seg = strtok_r(path, ".", &save); seg != NULL && o != NULL;
		    seg = strtok_r(NULL, ".", &save)) {
			idx = strtol(seg, &end, 10);
			if (*end == '\0' && json_object_is_type(o,
			    json_type_array))
				o = json_object_array_get_idx(o, (size_t)idx);
			else if (!json_object_object_get_ex(o, seg, &o))
				o = NULL;
		}
		free(path);
		if (o == NULL)
			return 1;
	}
	if (json_object_is_type(o, json_type_string))
		fwrite(json_object_get_string(o), 1,
		    (size_t)json_object_get_string_len(o), stdout);
	else
		fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
		    stdout);
	json_object_put(root);
	json_tokener_free(tok);
	buf_free(&b);
	return 0;
}
