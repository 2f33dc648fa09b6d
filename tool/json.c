// SPDX-License-Identifier: GPL-2.0
/*
 * A small streaming JSON writer, compact or pretty. Members are written in
 * call order; @key is NULL for array elements. Strings are escaped as
 * RFC 8259 asks; bytes of 0x80 and above are copied as they are.
 */
#include "json.h"

/**
 * vrrp_json_init() - start a JSON document
 * @j: writer state
 * @f: output stream
 * @pretty: indent by two spaces and put each member on its own line
 */
void vrrp_json_init(struct vrrp_json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->pretty = pretty;
	j->depth = 0;
	j->count[0] = 0;
}

static void vrrp_json_indent(struct vrrp_json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

static void vrrp_json_quote(struct vrrp_json *j, const char *s)
{
	const unsigned char *p;

	fputc('"', j->f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", j->f);
			break;
		case '\\':
			fputs("\\\\", j->f);
			break;
		case '\n':
			fputs("\\n", j->f);
			break;
		case '\t':
			fputs("\\t", j->f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(j->f, "\\u%04x", *p);
			else
				fputc(*p, j->f);
		}
	}
	fputc('"', j->f);
}

/* Separator, indentation and key before a member. */
static void vrrp_json_member(struct vrrp_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			fputc(',', j->f);
		vrrp_json_indent(j);
	}
	if (key) {
		vrrp_json_quote(j, key);
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void vrrp_json_open(struct vrrp_json *j, const char *key, char c)
{
	vrrp_json_member(j, key);
	fputc(c, j->f);
	if (j->depth < VRRP_JSON_DEPTH_MAX - 1)
		j->depth++;
	j->count[j->depth] = 0;
}

static void vrrp_json_close(struct vrrp_json *j, char c)
{
	unsigned int n = j->count[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (n)
		vrrp_json_indent(j);
	fputc(c, j->f);
}

/**
 * vrrp_json_open_object() - write "key": { and enter the object
 * @j: writer state
 * @key: member name, or NULL inside an array or at the top
 */
void vrrp_json_open_object(struct vrrp_json *j, const char *key)
{
	vrrp_json_open(j, key, '{');
}

/**
 * vrrp_json_close_object() - write } and leave the object
 * @j: writer state
 */
void vrrp_json_close_object(struct vrrp_json *j)
{
	vrrp_json_close(j, '}');
}

/**
 * vrrp_json_open_array() - write "key": [ and enter the array
 * @j: writer state
 * @key: member name, or NULL inside an array or at the top
 */
void vrrp_json_open_array(struct vrrp_json *j, const char *key)
{
	vrrp_json_open(j, key, '[');
}

/**
 * vrrp_json_close_array() - write ] and leave the array
 * @j: writer state
 */
void vrrp_json_close_array(struct vrrp_json *j)
{
	vrrp_json_close(j, ']');
}

/**
 * vrrp_json_string() - write a string member
 * @j: writer state
 * @key: member name, or NULL in an array
 * @val: the string; NULL writes null
 */
void vrrp_json_string(struct vrrp_json *j, const char *key, const char *val)
{
	vrrp_json_member(j, key);
	if (val)
		vrrp_json_quote(j, val);
	else
		fputs("null", j->f);
}

/**
 * vrrp_json_u64() - write an unsigned number member
 * @j: writer state
 * @key: member name, or NULL in an array
 * @val: the number
 */
void vrrp_json_u64(struct vrrp_json *j, const char *key, __u64 val)
{
	vrrp_json_member(j, key);
	fprintf(j->f, "%llu", (unsigned long long)val);
}

/**
 * vrrp_json_bool() - write true or false
 * @j: writer state
 * @key: member name, or NULL in an array
 * @val: the value
 */
void vrrp_json_bool(struct vrrp_json *j, const char *key, bool val)
{
	vrrp_json_member(j, key);
	fputs(val ? "true" : "false", j->f);
}

/**
 * vrrp_json_null() - write null
 * @j: writer state
 * @key: member name, or NULL in an array
 */
void vrrp_json_null(struct vrrp_json *j, const char *key)
{
	vrrp_json_member(j, key);
	fputs("null", j->f);
}

/**
 * vrrp_json_end() - end the document with a newline
 * @j: writer state
 */
void vrrp_json_end(struct vrrp_json *j)
{
	fputc('\n', j->f);
}
