//! `server create-admin`: the only way to the first account. There is no
//! default account or password anywhere.

use app::auth::{normalize_email, password, validate_display_name, validate_password, Role};
use app::store::{AccountError, Store};
use std::io::{BufRead, IsTerminal};

/// Reads the password (prompted twice on a terminal, one line of stdin
/// otherwise), checks everything, and creates the account.
pub async fn create_admin(
    store: &Store,
    email: &str,
    name: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let email = normalize_email(email)?;
    let name = validate_display_name(name)?;
    let secret = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Salasana / password: ")?;
        let again = rpassword::prompt_password("Uudelleen / again: ")?;
        if first != again {
            return Err("the passwords differ; nothing was created".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    validate_password(&secret)?;
    let hash = password::hash(secret).await?;
    match store
        .create_account(&email, &name, Role::Admin, &hash, "cli")
        .await
    {
        Ok(account) => {
            println!("admin {} created ({})", account.email, account.id);
            Ok(())
        }
        Err(AccountError::EmailTaken) => {
            Err(format!("{email} already has an account; nothing was changed").into())
        }
        Err(e) => Err(e.into()),
    }
}
