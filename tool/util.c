// SPDX-License-Identifier: GPL-2.0
/*
 * Shared helpers of vrrpctl: error reporting, keyword matching and strict
 * number parsing.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/vrrp.h>

#include "util.h"

/* Where a batch command came from; NULL outside -batch. */
const char *vrrp_err_file;
unsigned int vrrp_err_line;

/**
 * vrrp_err_start() - print "vrrpctl: " and, in a batch, "FILE:LINE: "
 */
void vrrp_err_start(void)
{
	fputs("vrrpctl: ", stderr);
	if (vrrp_err_file)
		fprintf(stderr, "%s:%u: ", vrrp_err_file, vrrp_err_line);
}

/**
 * vrrp_err() - print "vrrpctl: <message>" and a newline on stderr
 * @fmt: printf format of the message
 *
 * In a batch the message names the file and line of the command.
 */
void vrrp_err(const char *fmt, ...)
{
	va_list ap;

	vrrp_err_start();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/**
 * vrrp_kw_lookup() - match a possibly abbreviated keyword
 * @tbl: keywords, ended by an entry with a NULL name
 * @arg: the word from the command line
 *
 * An exact match wins; otherwise @arg must be a prefix of keywords that all
 * share one id, as "pri" for "priority" (iproute2 style abbreviations).
 * A keyword with a @minlen matches only prefixes at least that long.
 *
 * Return: the keyword's id, %VRRP_KW_UNKNOWN or %VRRP_KW_AMBIGUOUS.
 */
int vrrp_kw_lookup(const struct vrrp_kw *tbl, const char *arg)
{
	size_t len = strlen(arg);
	int id = VRRP_KW_UNKNOWN;
	const struct vrrp_kw *kw;

	if (!len)
		return VRRP_KW_UNKNOWN;
	for (kw = tbl; kw->name; kw++)
		if (!strcmp(kw->name, arg))
			return kw->id;
	for (kw = tbl; kw->name; kw++) {
		if (strncmp(kw->name, arg, len) || len < kw->minlen)
			continue;
		if (id != VRRP_KW_UNKNOWN && id != kw->id)
			return VRRP_KW_AMBIGUOUS;
		id = kw->id;
	}
	return id;
}

/**
 * struct vrrp_hint - what to write instead of another implementation's word
 * @word: the word, as keepalived.conf or ifconfig(8) of CARP spells it
 * @from: whose word it is
 * @advice: what vrrpctl takes instead
 */
struct vrrp_hint {
	const char *word;
	const char *from;
	const char *advice;
};

static const struct vrrp_hint vrrp_hints[] = {
	{ "advskew", "CARP",
	  "use \"priority PRIO\" (the highest wins; in CARP the lowest advskew)" },
	{ "advbase", "CARP", "use \"interval\" (\"interval 1s\")" },
	{ "vhid", "CARP", "use \"vrid VRID\"" },
	{ "carpdev", "CARP",
	  "the interface comes after the command: \"vrrpctl add DEV vrid VRID ...\"" },
	{ "pass", "CARP", "VRRPv3 has no authentication (RFC 9568 section 9)" },
	{ "nopreempt", "keepalived", "use \"preempt off\"" },
	{ "preempt_delay", "keepalived", "use \"preempt-delay\" (\"preempt-delay 5s\")" },
	{ "advert_int", "keepalived", "use \"interval\" (\"interval 1s\")" },
	{ "virtual_ipaddress", "keepalived",
	  "use \"address ADDR[/PLEN]\" once per address" },
	{ "virtual_router_id", "keepalived", "use \"vrid VRID\"" },
	{ "interface", "keepalived",
	  "the interface comes after the command: \"vrrpctl add DEV vrid VRID ...\"" },
	{ "state", "keepalived",
	  "there is no initial state: the highest priority becomes Active" },
	{ "unicast_peer", "keepalived", "use \"peer ADDR\" once per peer" },
	{ "track_interface", "keepalived", "use \"track IFNAME [weight W]\"" },
	{ "track_script", "keepalived",
	  "use \"check NAME [weight W]\"; the script runs \"set ... track-state NAME up\"" },
	{ "authentication", "keepalived", "VRRPv3 has no authentication (RFC 9568 section 9)" },
	{ "auth_type", "keepalived", "VRRPv3 has no authentication (RFC 9568 section 9)" },
	{ "auth_pass", "keepalived", "VRRPv3 has no authentication (RFC 9568 section 9)" },
	{ "notify", "keepalived", "use \"vrrpctl notify PROGRAM\"" },
	{ "notify_master", "keepalived", "use \"vrrpctl notify PROGRAM\"" },
	{ "notify_backup", "keepalived", "use \"vrrpctl notify PROGRAM\"" },
	{ "notify_fault", "keepalived", "use \"vrrpctl notify PROGRAM\"" },
	{ "garp_master_delay", "keepalived", "use \"garp-repeat MS\"" },
	{ "garp_master_repeat", "keepalived", "use \"garp-count N\"" },
	{ "garp_master_refresh", "keepalived", "use \"garp-refresh MS\"" },
	{ "garp_interval", "keepalived", "use \"garp-spacing MS\"" },
	{ "vrrp_version", "keepalived", "use \"version { 2 | 3 }\"" },
	{ "no_accept", "keepalived", "use \"accept off\" (the default)" },
	{ "vrrp_sync_group", "keepalived", "use \"group NAME\" on each member" },
	{ "mcast_src_ip", "keepalived",
	  "advertisements come from the interface's primary address" },
	{ "unicast_src_ip", "keepalived",
	  "advertisements come from the interface's primary address" },
};

/* Equal but for case, and '-' standing for '_'. */
static bool vrrp_hint_match(const char *word, const char *arg)
{
	for (; *word && *arg; word++, arg++) {
		char c = *arg >= 'A' && *arg <= 'Z' ? *arg - 'A' + 'a' : *arg;

		if (c != *word && !(c == '-' && *word == '_'))
			return false;
	}
	return !*word && !*arg;
}

/* After "unknown ... ARG": what to write instead, if ARG is a known word. */
static void vrrp_hint(const char *arg)
{
	const struct vrrp_hint *h;

	for (h = vrrp_hints; h < vrrp_hints + ARRAY_SIZE(vrrp_hints); h++) {
		if (!vrrp_hint_match(h->word, arg))
			continue;
		vrrp_err("hint: \"%s\" is a %s word; %s", arg, h->from,
			 h->advice);
		return;
	}
}

/**
 * vrrp_kw_parse() - vrrp_kw_lookup(), printing an error when it fails
 * @tbl: keywords, ended by an entry with a NULL name
 * @arg: the word from the command line
 * @what: what the word should be, for the error ("keyword", "command")
 *
 * Return: the keyword's id, or a negative value after printing the error.
 */
int vrrp_kw_parse(const struct vrrp_kw *tbl, const char *arg,
		  const char *what)
{
	int id = vrrp_kw_lookup(tbl, arg);

	if (id == VRRP_KW_UNKNOWN) {
		vrrp_err("unknown %s \"%s\"", what, arg);
		vrrp_hint(arg);
	} else if (id == VRRP_KW_AMBIGUOUS) {
		vrrp_err("ambiguous %s \"%s\"", what, arg);
	}
	return id;
}

/**
 * vrrp_parse_uint() - parse a plain decimal number
 * @s: the text: digits only, no sign, no spaces, no base prefix
 * @max: the largest value accepted
 * @val: where to store the value
 *
 * Return: true if @s is a decimal number no larger than @max.
 */
bool vrrp_parse_uint(const char *s, unsigned long max, unsigned long *val)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*val = v;
	return true;
}

/**
 * vrrp_arg_value() - the value after keyword argv[*i]
 * @argc: number of words
 * @argv: the words
 * @i: index of the keyword; advanced to the value
 *
 * Return: the value, or NULL after printing that it is missing.
 */
const char *vrrp_arg_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		vrrp_err("missing value after \"%s\"", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

/**
 * vrrp_parse_vrid() - parse a Virtual Router Identifier
 * @s: the text
 * @vrid: where to store it
 *
 * Return: 0, or -1 after printing why @s is not 1-255.
 */
int vrrp_parse_vrid(const char *s, unsigned char *vrid)
{
	unsigned long v;

	if (!vrrp_parse_uint(s, VRRP_VRID_MAX, &v) || v < 1) {
		vrrp_err("invalid vrid \"%s\": must be 1-%d", s, VRRP_VRID_MAX);
		return -1;
	}
	*vrid = v;
	return 0;
}

/**
 * vrrp_parse_dev() - check an interface name from the command line
 * @s: the text
 * @dev: where to store it; NULL until a device is given
 *
 * Return: 0, or -1 after printing why @s cannot name an interface, or
 * that a device was given already.
 */
int vrrp_parse_dev(const char *s, const char **dev)
{
	size_t len = strlen(s);

	if (*dev) {
		vrrp_err("duplicate device \"%s\"", s);
		return -1;
	}
	if (!len || len >= IF_NAMESIZE || strchr(s, '/') ||
	    strpbrk(s, " \t\n:")) {
		vrrp_err("invalid device name \"%s\"", s);
		return -1;
	}
	*dev = s;
	return 0;
}

/**
 * vrrp_dev_index() - the ifindex of an interface
 * @dev: its name, checked with vrrp_parse_dev()
 * @ifindex: where to store the index
 *
 * Context: in the network namespace of the request.
 * Return: 0, or -1 after printing that the device does not exist.
 */
int vrrp_dev_index(const char *dev, unsigned int *ifindex)
{
	*ifindex = if_nametoindex(dev);
	if (!*ifindex) {
		if (errno == ENODEV || errno == ENXIO)
			vrrp_err("cannot find device \"%s\"", dev);
		else
			vrrp_err("cannot find device \"%s\": %s", dev,
				 strerror(errno));
		return -1;
	}
	return 0;
}

/**
 * vrrp_parse_onoff() - parse "on" or "off"
 * @s: the text
 * @what: the keyword, for the error
 * @val: set to 1 or 0
 *
 * Return: 0, or -1 after printing the error.
 */
int vrrp_parse_onoff(const char *s, const char *what, int *val)
{
	if (!strcmp(s, "on")) {
		*val = 1;
	} else if (!strcmp(s, "off")) {
		*val = 0;
	} else {
		vrrp_err("invalid %s \"%s\": must be on or off", what, s);
		return -1;
	}
	return 0;
}

/**
 * vrrp_ms_value() - a time in milliseconds: "100", "100ms", "1s", "0.1s"
 * @s: the text: a bare number is milliseconds; a number of seconds may
 *	have up to three decimals (trailing zeros aside)
 * @max: largest value accepted, in ms
 * @val: where to store the value, in ms
 *
 * Return: false, quietly, when @s is not such a time of at most @max ms.
 */
bool vrrp_ms_value(const char *s, unsigned long max, unsigned long *val)
{
	unsigned long unit = 1, frac = 0, v;
	size_t len = strlen(s);
	char buf[32], *dot;
	int i;

	if (len > 2 && !strcmp(s + len - 2, "ms")) {
		len -= 2;
	} else if (len > 1 && s[len - 1] == 's') {
		len--;
		unit = 1000;
	}
	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	dot = strchr(buf, '.');
	if (dot) {
		if (unit != 1000 || !dot[1])
			return false;
		*dot = '\0';
		for (i = 1; dot[i]; i++) {
			if (dot[i] < '0' || dot[i] > '9')
				return false;
			if (i <= 3)
				frac = frac * 10 + dot[i] - '0';
			else if (dot[i] != '0')
				return false;
		}
		for (; i <= 3; i++)
			frac *= 10;
	}
	/* v * unit <= max, so the sum is checked without overflowing. */
	if (!vrrp_parse_uint(buf, max / unit, &v) || frac > max - v * unit)
		return false;
	*val = v * unit + frac;
	return true;
}

/**
 * vrrp_parse_family() - parse "inet" or "inet6"
 * @s: the text
 * @family: set to VRRP_FAMILY_INET or VRRP_FAMILY_INET6
 *
 * Return: 0, or -1 after printing the error.
 */
int vrrp_parse_family(const char *s, unsigned char *family)
{
	if (!strcmp(s, "inet") || !strcmp(s, "ipv4") || !strcmp(s, "4")) {
		*family = VRRP_FAMILY_INET;
	} else if (!strcmp(s, "inet6") || !strcmp(s, "ipv6") ||
		   !strcmp(s, "6")) {
		*family = VRRP_FAMILY_INET6;
	} else {
		vrrp_err("invalid family \"%s\": must be inet or inet6", s);
		return -1;
	}
	return 0;
}

/* The words of the spec's two-valued enums, by value: parsed, shown, saved. */
const char *const vrrp_checksum_words[2] = {
	[VRRP_CHECKSUM_PSEUDO] = "pseudo",
	[VRRP_CHECKSUM_PLAIN] = "plain",
};

const char *const vrrp_forward_words[2] = {
	[VRRP_FORWARD_ACTIVE] = "active",
	[VRRP_FORWARD_ANY] = "any",
};

const char *const vrrp_mode_words[2] = {
	[VRRP_MODE_VRRP] = "vrrp",
	[VRRP_MODE_ANYCAST] = "anycast",
};

/* The word of value @v of such an enum; the default's for one unknown. */
const char *vrrp_enum2_word(const char *const words[2], unsigned int v)
{
	return words[v < 2 ? v : 0];
}

/**
 * vrrp_family_name() - "inet", "inet6" or "unknown"
 * @family: enum vrrp_family
 *
 * Return: a static string.
 */
const char *vrrp_family_name(unsigned int family)
{
	switch (family) {
	case VRRP_FAMILY_INET:
		return "inet";
	case VRRP_FAMILY_INET6:
		return "inet6";
	}
	return "unknown";
}

static int vrrp_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * vrrp_mac_value() - a MAC address: six pairs of hex digits, aa:bb:cc:dd:ee:ff
 * @s: the text: exactly that, no other separator, no digit left out
 * @mac: where to store the address
 *
 * Return: false, quietly, when @s is not such an address.
 */
bool vrrp_mac_value(const char *s, unsigned char mac[VRRP_MAC_LEN])
{
	int i, hi, lo;

	for (i = 0; i < VRRP_MAC_LEN; i++, s += 3) {
		hi = vrrp_hex_digit(s[0]);
		lo = hi < 0 ? -1 : vrrp_hex_digit(s[1]);
		if (lo < 0 || s[2] != (i < VRRP_MAC_LEN - 1 ? ':' : '\0'))
			return false;
		mac[i] = hi << 4 | lo;
	}
	return true;
}

/**
 * vrrp_mac_format() - write a MAC address as aa:bb:cc:dd:ee:ff
 * @mac: the address
 * @buf: where to write it
 * @len: the size of @buf, VRRP_MAC_STRLEN or more
 */
void vrrp_mac_format(const unsigned char *mac, char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/**
 * vrrp_split_words() - split a line of a file into words, in place
 * @line: the line; rewritten with the words it holds
 * @argv: where to store the words
 * @max: the size of @argv
 *
 * Blanks separate words, "..." and '...' quote, a backslash escapes the
 * next character, and a word that starts with # starts a comment: the
 * syntax of -batch, which vrrp_word_quote() writes.
 *
 * Return: the number of words, or -1 after printing why.
 */
int vrrp_split_words(char *line, char **argv, int max)
{
	char *in = line, *out;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
			in++;
		if (!*in || *in == '#')
			return argc;
		if (argc == max) {
			vrrp_err("too many words (at most %d)", max);
			return -1;
		}
		out = in;
		argv[argc++] = out;
		for (; *in; in++) {
			if (!quote && strchr(" \t\n\r", *in))
				break;
			if (quote && *in == quote)
				quote = 0;
			else if (!quote && (*in == '"' || *in == '\''))
				quote = *in;
			else if (!quote && *in == '\\' && in[1])
				*out++ = *++in;
			else
				*out++ = *in;
		}
		if (quote) {
			vrrp_err("unterminated quote");
			return -1;
		}
		if (*in)
			in++;
		*out = '\0';
	}
}

/**
 * vrrp_word_quote() - write a word so that vrrp_split_words() reads it back
 * @f: where to write
 * @s: the word; it must not hold a newline (a line ends there)
 *
 * A word of letters, digits and ._:/@+=,%- is written as it is; in any
 * other a backslash escapes each other character, and an empty word is "".
 */
void vrrp_word_quote(FILE *f, const char *s)
{
	if (!*s) {
		fputs("\"\"", f);
		return;
	}
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && !strchr("._:/@+=,%-", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}
