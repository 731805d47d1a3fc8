package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** crypt(3) checks against hashes made by openssl passwd and Perl's crypt (libxcrypt). */
class PasswordHashesTest {
  static final String PASSWORD = "correct horse";
  /** openssl passwd -6 'correct horse' */
  static final String SHA512 = "$6$eFbMM9eGcQh7TbqL$uiI0fjmfvOdotVRZ0hFNUTM./ZANq16BU4Lwwfpgx9mQbAcA1V8BiUYnC7SHy2IOrjGaYCKsXR4hBfJBmS9WZ.";
  /** openssl passwd -5 'correct horse' */
  static final String SHA256 = "$5$rV48x67qT70nKSds$TlitmZJxTxSw.uyxmXrT2uRfQRlHPCXeOnDv.zWIvFD";
  /** openssl passwd -1 'correct horse' */
  static final String MD5 = "$1$55DfRNuE$HCSLSTfcyKCHFVZT6MtPH.";
  /** perl -e 'print crypt("correct horse", "ab")' */
  static final String DES = "abhfCpXqd4GrI";
  /** perl -e 'print crypt("correct horse", q($y$j9T$abcdefghijklmnopqrstu.$))' (Debian 12's default scheme) */
  static final String YESCRYPT = "$y$j9T$abcdefghijklmnopqrstu.$pk06PwnbQa631foWNYhw6N.E9wx6lICleH/SnT.xzi0";
  /** perl -e 'print crypt("secret", q($6$rounds=1000$saltsalt))' */
  static final String SHA512_ROUNDS = "$6$rounds=1000$saltsalt$LAV5VE5Y7w1d73x1mFNspYWUpazfmwv2SoepNXNKJ/otop/Zok96Hr8Q13LEv0DRY/x8v0/crpIjl8NJSAqXV/";
  /** perl -e 'print crypt("pw-é", q($6$xy))' with the source in UTF-8 */
  static final String SHA512_UTF8 = "$6$xy$yodL/bdia9dLw1mX5Lqs76gumOA6HBKPWN9PxedLhTo0D9UUVu8D5m5.NeSaNOLwxIlM4yVi8ORfAkMEl.dSi1";

  @ParameterizedTest
  @ValueSource(strings = {SHA512, SHA256, MD5, DES})
  void supportedSchemes_matchTheRightPassword_only(String hash) throws Exception {
    assertThat(PasswordHashes.matches(PASSWORD, hash)).isTrue();
    assertThat(PasswordHashes.matches("Correct horse", hash)).isFalse();
    assertThat(PasswordHashes.matches("", hash)).isFalse();
  }

  @Test
  void des_likeCrypt_usesOnlyTheFirstEightBytes() throws Exception {
    assertThat(PasswordHashes.matches("correct whatever", DES)).isTrue();
  }

  @Test
  void explicitRounds_andUtf8Passwords_matchLibxcrypt() throws Exception {
    assertThat(PasswordHashes.matches("secret", SHA512_ROUNDS)).isTrue();
    assertThat(PasswordHashes.matches("pw-é", SHA512_UTF8)).isTrue();
    assertThat(PasswordHashes.matches("pw-e", SHA512_UTF8)).isFalse();
  }

  @Test
  void yescrypt_isRefusedByName_withAdvice() {
    assertThatThrownBy(() -> PasswordHashes.matches(PASSWORD, YESCRYPT))
        .isInstanceOf(UnsupportedHashException.class)
        .hasMessage("password hash type yescrypt ($y$) is not supported;"
            + " set a SHA-512 hash (mkpasswd -m sha-512, or openssl passwd -6)")
        .satisfies(e -> assertThat(((UnsupportedHashException) e).scheme()).isEqualTo(HashScheme.YESCRYPT));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "$gy$j9T$abc$def|GOST_YESCRYPT|gost-yescrypt ($gy$)",
      "$2b$10$abcdefghijklmnopqrstuv|BCRYPT|bcrypt ($2b$)",
      "$2y$10$abcdefghijklmnopqrstuv|BCRYPT|bcrypt ($2y$)",
      "$7$CU..../....abc$def|SCRYPT|scrypt ($7$)"})
  void otherUnsupportedSchemes_nameTheirType(String hash, HashScheme scheme, String named) {
    assertThatThrownBy(() -> PasswordHashes.matches(PASSWORD, hash))
        .isInstanceOf(UnsupportedHashException.class)
        .hasMessageContaining("password hash type " + named + " is not supported")
        .satisfies(e -> assertThat(((UnsupportedHashException) e).scheme()).isEqualTo(scheme));
  }

  @ParameterizedTest
  @ValueSource(strings = {"!", "*", "!" + SHA512, "", "plaintextpw", "$9$x$y", "$6$bad*salt$x"})
  void lockedEmptyAndMalformed_areTyped_andNeverQuoteTheHash(String hash) {
    assertThatThrownBy(() -> PasswordHashes.matches(PASSWORD, hash))
        .isInstanceOf(UnsupportedHashException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("plaintextpw", "bad*salt", "eFbMM9");
          if (hash.startsWith("!") || hash.startsWith("*")) {
            assertThat(e.getMessage()).startsWith("account is locked");
          }
        });
  }

  @Test
  void excessiveRounds_areRefusedBeforeHashing() {
    assertThatThrownBy(() -> PasswordHashes.matches(PASSWORD, "$6$rounds=999999999$salt$x"))
        .isInstanceOf(UnsupportedHashException.class)
        .hasMessageContaining("more than 1000000 rounds");
  }

  @Test
  void hugePassword_isRefusedWithoutHashing() throws Exception {
    assertThat(PasswordHashes.matches("x".repeat(1_000_000), SHA512)).isFalse();
  }
}
