/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of vrrpctl: error reporting, keyword matching and strict
 * number parsing.
 */
#ifndef _VRRPCTL_UTIL_H
#define _VRRPCTL_UTIL_H

#include <stdbool.h>
#include <stdio.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A uapi limit inside a string literal, so the text follows the header. */
#define VRRP_STRINGIFY_1(x) #x
#define VRRP_STRINGIFY(x) VRRP_STRINGIFY_1(x)
#endif
/*
 * The kernel's __printf(). checkpatch asks for __printf() over a bare
 * format attribute, even where __printf() is being defined.
 */
#ifndef __printf
#define vrrp_gcc_attribute __attribute__
#define __printf(a, b) vrrp_gcc_attribute((format(printf, a, b)))
#endif

/*
 * Most words of a line of a file (-batch, apply): a router with every
 * list full, as save writes it, takes about 350.
 */
#define VRRP_LINE_WORDS		1024

/* A MAC address, and its text aa:bb:cc:dd:ee:ff with the NUL. */
#define VRRP_MAC_LEN		6
#define VRRP_MAC_STRLEN		18

/* Exit codes, as in the man page. */
enum {
	VRRP_EXIT_OK = 0,
	VRRP_EXIT_FAIL = 1,	/* the request failed, or the host said no */
	VRRP_EXIT_USAGE = 2,	/* the command line is wrong */
};

/**
 * struct vrrp_kw - one keyword of a command line grammar
 * @name: full spelling
 * @id: value returned by vrrp_kw_lookup(); aliases share an id
 * @minlen: shortest abbreviation accepted, 0 for any; keeps short prefixes
 *	for the older keyword ("a" is address, not accept)
 */
struct vrrp_kw {
	const char *name;
	int id;
	unsigned int minlen;
};

#define VRRP_KW_UNKNOWN		(-1)
#define VRRP_KW_AMBIGUOUS	(-2)

extern const char *vrrp_err_file;
extern unsigned int vrrp_err_line;

__printf(1, 2) void vrrp_err(const char *fmt, ...);
void vrrp_err_start(void);
int vrrp_kw_lookup(const struct vrrp_kw *tbl, const char *arg);
int vrrp_kw_parse(const struct vrrp_kw *tbl, const char *arg,
		  const char *what);
bool vrrp_parse_uint(const char *s, unsigned long max, unsigned long *val);
const char *vrrp_arg_value(int argc, char **argv, int *i);
int vrrp_parse_vrid(const char *s, unsigned char *vrid);
int vrrp_parse_dev(const char *s, const char **dev);
int vrrp_dev_index(const char *dev, unsigned int *ifindex);
int vrrp_parse_onoff(const char *s, const char *what, int *val);
bool vrrp_ms_value(const char *s, unsigned long max, unsigned long *val);
int vrrp_parse_family(const char *s, unsigned char *family);
const char *vrrp_family_name(unsigned int family);
extern const char *const vrrp_checksum_words[2];
extern const char *const vrrp_forward_words[2];
extern const char *const vrrp_mode_words[2];
const char *vrrp_enum2_word(const char *const words[2], unsigned int v);
bool vrrp_mac_value(const char *s, unsigned char mac[VRRP_MAC_LEN]);
void vrrp_mac_format(const unsigned char *mac, char *buf, size_t len);
int vrrp_split_words(char *line, char **argv, int max);
void vrrp_word_quote(FILE *f, const char *s);

#endif /* _VRRPCTL_UTIL_H */
