// SPDX-License-Identifier: GPL-2.0
/*
 * One print path for text and JSON, over the JSON writer of json.c.
 *
 * vrrp_print_start() picks the mode for what follows: in JSON mode the
 * fields of type VRRP_PRINT_JSON or VRRP_PRINT_ANY are written as members
 * (a NULL key makes an array element), in text mode those of type
 * VRRP_PRINT_FP or VRRP_PRINT_ANY are written to stdout with their format,
 * and a NULL format writes nothing. Objects, arrays and nulls exist in
 * JSON only; newlines in text only.
 */
#include <stdarg.h>

#include "json.h"
#include "print.h"

static struct vrrp_json vrrp_jw;
static bool vrrp_json_on;

static bool vrrp_print_json_ctx(int type)
{
	return vrrp_json_on && (type & VRRP_PRINT_JSON);
}

static bool vrrp_print_fp_ctx(int type, const char *fmt)
{
	return !vrrp_json_on && (type & VRRP_PRINT_FP) && fmt;
}

/**
 * vrrp_print_start() - choose text or JSON for what is printed next
 * @json: JSON, else text
 * @pretty: indented JSON
 */
void vrrp_print_start(bool json, bool pretty)
{
	vrrp_json_on = json;
	if (json)
		vrrp_json_init(&vrrp_jw, stdout, pretty);
}

/**
 * vrrp_print_end() - end a JSON document with its newline; back to text
 */
void vrrp_print_end(void)
{
	if (vrrp_json_on)
		vrrp_json_end(&vrrp_jw);
	vrrp_json_on = false;
}

/**
 * vrrp_print_is_json() - whether JSON is being printed
 *
 * Return: true between vrrp_print_start(true, ...) and vrrp_print_end().
 */
bool vrrp_print_is_json(void)
{
	return vrrp_json_on;
}

/**
 * vrrp_open_object() - open a JSON object; nothing in text
 * @key: member name, or NULL in an array or at the top
 */
void vrrp_open_object(const char *key)
{
	if (vrrp_json_on)
		vrrp_json_open_object(&vrrp_jw, key);
}

/**
 * vrrp_close_object() - close a JSON object; nothing in text
 */
void vrrp_close_object(void)
{
	if (vrrp_json_on)
		vrrp_json_close_object(&vrrp_jw);
}

/**
 * vrrp_open_array() - open a JSON array; nothing in text
 * @key: member name, or NULL in an array or at the top
 */
void vrrp_open_array(const char *key)
{
	if (vrrp_json_on)
		vrrp_json_open_array(&vrrp_jw, key);
}

/**
 * vrrp_close_array() - close a JSON array; nothing in text
 */
void vrrp_close_array(void)
{
	if (vrrp_json_on)
		vrrp_json_close_array(&vrrp_jw);
}

/**
 * vrrp_print_uint() - a number
 * @type: enum vrrp_print_type
 * @key: JSON member name, NULL in an array
 * @fmt: text format with one %u, or NULL
 * @val: the number
 */
void vrrp_print_uint(int type, const char *key, const char *fmt,
		     unsigned int val)
{
	if (vrrp_print_json_ctx(type))
		vrrp_json_u64(&vrrp_jw, key, val);
	else if (vrrp_print_fp_ctx(type, fmt))
		printf(fmt, val);
}

/**
 * vrrp_print_u64() - a 64-bit number
 * @type: enum vrrp_print_type
 * @key: JSON member name, NULL in an array
 * @fmt: text format with one %llu, or NULL
 * @val: the number
 */
void vrrp_print_u64(int type, const char *key, const char *fmt, __u64 val)
{
	if (vrrp_print_json_ctx(type))
		vrrp_json_u64(&vrrp_jw, key, val);
	else if (vrrp_print_fp_ctx(type, fmt))
		printf(fmt, (unsigned long long)val);
}

/**
 * vrrp_print_string() - a string
 * @type: enum vrrp_print_type
 * @key: JSON member name, NULL in an array
 * @fmt: text format with one %s, or NULL
 * @val: the string; NULL is null in JSON and "(null)" nowhere: not printed
 */
void vrrp_print_string(int type, const char *key, const char *fmt,
		       const char *val)
{
	if (vrrp_print_json_ctx(type))
		vrrp_json_string(&vrrp_jw, key, val);
	else if (vrrp_print_fp_ctx(type, fmt) && val)
		printf(fmt, val);
}

/**
 * vrrp_print_bool_as() - true or false in JSON, two words in text
 * @type: enum vrrp_print_type
 * @key: JSON member name, NULL in an array
 * @fmt: text format with one %s, or NULL
 * @val: the value
 * @yes: text for true
 * @no: text for false
 */
void vrrp_print_bool_as(int type, const char *key, const char *fmt, bool val,
			const char *yes, const char *no)
{
	if (vrrp_print_json_ctx(type))
		vrrp_json_bool(&vrrp_jw, key, val);
	else if (vrrp_print_fp_ctx(type, fmt))
		printf(fmt, val ? yes : no);
}

/**
 * vrrp_print_on_off() - true or false in JSON, "on" or "off" in text
 * @type: enum vrrp_print_type
 * @key: JSON member name, NULL in an array
 * @fmt: text format with one %s, or NULL
 * @val: the value
 */
void vrrp_print_on_off(int type, const char *key, const char *fmt, bool val)
{
	vrrp_print_bool_as(type, key, fmt, val, "on", "off");
}

/**
 * vrrp_print_null() - null in JSON, @text in text
 * @type: enum vrrp_print_type
 * @key: JSON member name, NULL in an array
 * @fmt: text format with one %s, or NULL
 * @text: what stands for the missing value in text
 */
void vrrp_print_null(int type, const char *key, const char *fmt,
		     const char *text)
{
	if (vrrp_print_json_ctx(type))
		vrrp_json_null(&vrrp_jw, key);
	else if (vrrp_print_fp_ctx(type, fmt) && text)
		printf(fmt, text);
}

/**
 * vrrp_print_fp() - free-form text, nothing in JSON
 * @type: VRRP_PRINT_FP (or ANY) to print, 0 not to
 * @fmt: printf format
 */
void vrrp_print_fp(int type, const char *fmt, ...)
{
	va_list ap;

	if (!vrrp_print_fp_ctx(type, fmt))
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/**
 * vrrp_print_nl() - end a line of text; nothing in JSON
 * @type: VRRP_PRINT_FP (or ANY) to print, 0 not to
 */
void vrrp_print_nl(int type)
{
	if (vrrp_print_fp_ctx(type, ""))
		putchar('\n');
}
