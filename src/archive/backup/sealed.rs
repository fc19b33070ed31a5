//! Encrypted backups: the files of a backup (database, objects, audit key, description and
//! `MANIFEST.sha256`) as one tar stream encrypted with age (age-encryption.org/v1), to a
//! passphrase or to public keys. Nothing unencrypted is written where the backup goes: the stream
//! is encrypted as it is made, in 64 KiB authenticated chunks, so memory stays small and any
//! altered byte stops the restore. `age -d` and `tar -x` open one by hand.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use age::secrecy::SecretString;
use sha2::{Digest, Sha256};

use crate::archive::create_private_dir;
use crate::domain::format::hex;
use crate::error::{Error, Result};
use crate::i18n::SafekeepingMsg;

/// scrypt's cost for a passphrase, N = 2^16: 64 MiB and a tenth of a second a guess. age's own
/// default aims at a second of this machine's time, which is 1 GiB here: more than a small
/// archive server should give a nightly backup. A long passphrase (six words) is the defence.
const PASSPHRASE_WORK: u8 = 16;

/// The one file of an encrypted backup's directory.
pub const SEALED_FILE: &str = "backup.tar.age";

/// How a backup is encrypted.
pub enum Seal {
    /// A passphrase a person keeps (scrypt, about a second of work to try one).
    Passphrase(String),
    /// age public keys (`age1…`): whoever holds one of their identity files can restore.
    Recipients(Vec<String>),
}

/// How an encrypted backup is opened.
#[derive(Default)]
pub enum Opener {
    #[default]
    Nothing,
    Passphrase(String),
    /// age identity files (`AGE-SECRET-KEY-1…`), as `dangan keygen` or `age-keygen` write them.
    IdentityFiles(Vec<PathBuf>),
}

fn bad(message: SafekeepingMsg) -> Error {
    Error::BadInput(message.into())
}

/// A recipients file is a few lines; one larger is not one.
const RECIPIENTS_MAX: u64 = 64 * 1024;

/// The age public keys of a recipients file: one per line, `#` comments and blank lines left out.
pub fn recipients_file(path: &Path) -> Result<Vec<String>> {
    // A regular file of a sensible size: a device or a pipe named here would be read for ever.
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() || meta.len() > RECIPIENTS_MAX {
        let path = path.display().to_string();
        return Err(bad(SafekeepingMsg::NotARecipientsFile { path }));
    }
    let mut text = String::new();
    file.take(RECIPIENTS_MAX)
        .read_to_string(&mut text)
        .map_err(|e| Error::io(path, e))?;
    let mut keys = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // The secret key given where the public one belongs: it must never sit on the server.
        if line.starts_with("AGE-SECRET-KEY-") {
            let path = path.display().to_string();
            return Err(bad(SafekeepingMsg::SecretNotPublic { path }));
        }
        if age::x25519::Recipient::from_str(line).is_err() {
            let path = path.display().to_string();
            return Err(bad(SafekeepingMsg::NotARecipientLine {
                path,
                line: number as u64 + 1,
            }));
        }
        keys.push(line.to_string());
    }
    Ok(keys)
}

/// A new identity (secret key) written to `path` (0600, never over a file), as age-keygen
/// writes one; returns its public key.
pub fn keygen(path: &Path, created: &str) -> Result<String> {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let public = identity.to_public().to_string();
    let text = format!(
        "# created: {created}\n# public key: {public}\n{}\n",
        identity.to_string().expose_secret()
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(path, e))?;
    Ok(public)
}

/// Writes the encrypted stream of a backup's files into `path`. Two threads share the work: this
/// one reads and hashes the files and frames them as tar; the other encrypts and writes. On two
/// cores that keeps an encrypted backup near a plain copy's time.
pub(super) struct SealedWriter {
    path: PathBuf,
    tar: tar::Builder<ChunkSender>,
    sealer: std::thread::JoinHandle<std::io::Result<String>>,
}

/// What the encrypting thread is handed at a time.
const CHUNK: usize = 1 << 20;
/// Chunks on their way: the reading side runs this far ahead, no further (memory stays small).
const IN_FLIGHT: usize = 4;

impl SealedWriter {
    pub(super) fn create(path: &Path, seal: &Seal) -> Result<SealedWriter> {
        let encryptor = match seal {
            Seal::Passphrase(passphrase) => {
                let mut recipient =
                    age::scrypt::Recipient::new(SecretString::from(passphrase.clone()));
                recipient.set_work_factor(PASSPHRASE_WORK);
                age::Encryptor::with_recipients(std::iter::once(&recipient as _))
                    .map_err(|_| bad(SafekeepingMsg::NoRecipients))?
            }
            Seal::Recipients(keys) => {
                let mut recipients = Vec::new();
                for (at, key) in keys.iter().enumerate() {
                    let recipient = age::x25519::Recipient::from_str(key.trim()).map_err(|_| {
                        bad(SafekeepingMsg::NotARecipient {
                            which: at + 1,
                            key: crate::width::sanitize(key, false),
                        })
                    })?;
                    recipients.push(recipient);
                }
                age::Encryptor::with_recipients(recipients.iter().map(|r| r as _))
                    .map_err(|_| bad(SafekeepingMsg::NoRecipients))?
            }
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path).map_err(|e| Error::io(path, e))?;
        let mut stream = encryptor
            .wrap_output(BufWriter::with_capacity(
                CHUNK,
                FingerprintWriter::new(file),
            ))
            .map_err(|e| Error::io(path, e))?;
        let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(IN_FLIGHT);
        let sealer = std::thread::spawn(move || -> std::io::Result<String> {
            for chunk in received {
                stream.write_all(&chunk)?;
            }
            let written = stream.finish()?.into_inner().map_err(|e| e.into_error())?;
            written.file.sync_all()?;
            Ok(written.fingerprint())
        });
        let mut tar = tar::Builder::new(ChunkSender {
            chunks,
            buffer: Vec::with_capacity(CHUNK),
        });
        tar.mode(tar::HeaderMode::Deterministic);
        Ok(SealedWriter {
            path: path.to_path_buf(),
            tar,
            sealer,
        })
    }

    /// Adds `size` bytes read from `from` as `name`; returns their SHA-256.
    pub(super) fn add(&mut self, name: &str, from: impl Read, size: u64) -> Result<String> {
        let mut header = tar::Header::new_gnu();
        header.set_size(size);
        header.set_mode(0o600);
        header.set_entry_type(tar::EntryType::Regular);
        let mut hashing = Hashing {
            inner: from,
            hasher: Sha256::new(),
        };
        self.tar
            .append_data(&mut header, name, &mut hashing)
            .map_err(|e| Error::io(&self.path, e))?;
        Ok(hex(&hashing.hasher.finalize()))
    }

    /// Ends the tar stream and the encryption, and makes the file durable; returns the file's
    /// fingerprint, by which the routine knows it again before removing it. When the encrypting
    /// thread stopped first (a full disk), its error is the one that says what happened.
    pub(super) fn finish(self) -> Result<String> {
        let path = self.path;
        let sent = self.tar.into_inner().and_then(|mut sender| sender.flush());
        let sealed = self
            .sealer
            .join()
            .map_err(|_| Error::Internal("the encrypting thread stopped".into()))?;
        let fingerprint = sealed.map_err(|e| Error::io(&path, e))?;
        sent.map_err(|e| Error::io(&path, e))?;
        Ok(fingerprint)
    }
}

/// The tar stream in chunks, handed to the encrypting thread.
struct ChunkSender {
    chunks: std::sync::mpsc::SyncSender<Vec<u8>>,
    buffer: Vec<u8>,
}

impl ChunkSender {
    fn send(&mut self) -> std::io::Result<()> {
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        self.chunks
            .send(chunk)
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl Write for ChunkSender {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let taken = buf.len().min(CHUNK - self.buffer.len());
        self.buffer.extend_from_slice(&buf[..taken]);
        if self.buffer.len() == CHUNK {
            self.send()?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.buffer.is_empty() {
            true => Ok(()),
            false => self.send(),
        }
    }
}

/// The first bytes of an encrypted file hold its header, with a file key drawn at random: their
/// hash and the file's length tell it from any other without reading gigabytes again.
const FINGERPRINTED: u64 = 64 * 1024;

/// The encrypted file, its fingerprint taken as it is written.
struct FingerprintWriter {
    file: File,
    hasher: Sha256,
    length: u64,
}

impl FingerprintWriter {
    fn new(file: File) -> FingerprintWriter {
        FingerprintWriter {
            file,
            hasher: Sha256::new(),
            length: 0,
        }
    }

    fn fingerprint(self) -> String {
        format!("{}:{}", hex(&self.hasher.finalize()), self.length)
    }
}

impl Write for FingerprintWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        let head = (FINGERPRINTED.saturating_sub(self.length) as usize).min(n);
        self.hasher.update(&buf[..head]);
        self.length += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// The fingerprint of the encrypted file at `path`, as `FingerprintWriter` took it.
pub fn fingerprint(path: &Path) -> Result<String> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let length = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut head = Vec::new();
    file.take(FINGERPRINTED)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    Ok(format!("{}:{length}", hex(&Sha256::digest(&head))))
}

struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Decrypts the backup in `sealed` and writes its files under `into` (an empty private
/// directory): each a plain relative path, a regular file, written once. Returns how many.
pub(super) fn unseal(sealed: &Path, opener: &Opener, into: &Path) -> Result<usize> {
    let shown = sealed.display().to_string();
    let file = File::open(sealed).map_err(|e| Error::io(sealed, e))?;
    let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 20, file))
        .map_err(|e| opening_error(e, &shown))?;
    let identities: Vec<Box<dyn age::Identity>> = match (opener, decryptor.is_scrypt()) {
        (Opener::Passphrase(passphrase), true) => {
            let identity = age::scrypt::Identity::new(SecretString::from(passphrase.clone()));
            vec![Box::new(identity)]
        }
        (Opener::IdentityFiles(paths), false) if !paths.is_empty() => {
            let mut found: Vec<Box<dyn age::Identity>> = Vec::new();
            for path in paths {
                if !path.is_file() {
                    let error = std::io::Error::from(std::io::ErrorKind::NotFound);
                    return Err(Error::io(path, error));
                }
                let file =
                    age::IdentityFile::from_file(path.display().to_string()).map_err(|_| {
                        let path = path.display().to_string();
                        bad(SafekeepingMsg::NotAnIdentityFile { path })
                    })?;
                let identities = file.into_identities().map_err(|_| {
                    let path = path.display().to_string();
                    bad(SafekeepingMsg::NotAnIdentityFile { path })
                })?;
                found.extend(identities.into_iter().map(|i| i as Box<dyn age::Identity>));
            }
            found
        }
        (_, true) => {
            return Err(Error::Refused(
                SafekeepingMsg::NeedsPassphrase { path: shown }.into(),
            ));
        }
        (_, false) => {
            return Err(Error::Refused(
                SafekeepingMsg::NeedsIdentity { path: shown }.into(),
            ));
        }
    };
    let reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|e| opening_error(e, &shown))?;
    let damaged = || {
        Error::BadInput(
            SafekeepingMsg::Damaged {
                path: shown.clone(),
            }
            .into(),
        )
    };
    // Decrypted and authenticated, yet laid out as dangan never writes a backup.
    let not_ours = || {
        Error::BadInput(
            SafekeepingMsg::NotOurLayout {
                path: shown.clone(),
            }
            .into(),
        )
    };
    let mut archive = tar::Archive::new(reader);
    let mut written = 0;
    for entry in archive.entries().map_err(|_| damaged())? {
        let mut entry = entry.map_err(|_| damaged())?;
        let name = entry.path().map_err(|_| not_ours())?.into_owned();
        let plain = name
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
        if !plain || entry.header().entry_type() != tar::EntryType::Regular {
            return Err(not_ours());
        }
        let to = into.join(&name);
        if let Some(parent) = to.parent() {
            create_private_dir(parent)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        // A name twice in one stream is not a backup dangan wrote.
        let mut out = options.open(&to).map_err(|_| not_ours())?;
        std::io::copy(&mut entry, &mut out).map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => damaged(),
            _ => Error::io(&to, e),
        })?;
        out.sync_all().map_err(|e| Error::io(&to, e))?;
        written += 1;
    }
    Ok(written)
}

fn opening_error(error: age::DecryptError, path: &str) -> Error {
    let path = path.to_string();
    match error {
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed => {
            Error::Refused(SafekeepingMsg::WrongKey { path }.into())
        }
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            bad(SafekeepingMsg::NotSealed { path })
        }
        age::DecryptError::ExcessiveWork { .. } => bad(SafekeepingMsg::TooMuchWork { path }),
        _ => bad(SafekeepingMsg::Damaged { path }),
    }
}

/// Whether the backup in `src` is encrypted to a passphrase (so one must be asked for).
pub fn asks_passphrase(src: &Path) -> bool {
    let Some(sealed) = super::sealed_file(src) else {
        return false;
    };
    File::open(sealed)
        .ok()
        .and_then(|file| age::Decryptor::new_buffered(BufReader::new(file)).ok())
        .is_some_and(|decryptor| decryptor.is_scrypt())
}
