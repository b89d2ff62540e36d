/** Tests of the Debian package the build makes: its contents, its metadata, and the launcher run from it. */
package dev.medic.packaging;
