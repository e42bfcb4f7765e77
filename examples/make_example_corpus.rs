//! Writes the example corpus `examples/cartel-posts.csv` and
//! `examples/cartel-posts.jsonl`.
//!
//! THE CORPUS IS SYNTHETIC. Every post, page, account, name, number, date and
//! link in it was invented by this program for demonstration; no post is real
//! and no page or account exists. The texts are short Spanish social-media
//! posts assembled from templates whose slots are filled at random, so that
//! the prevalence of each category of the `narco-es` lexicon (2.0.0 on; the six
//! codes of its codebook, lexicons/validation/CODEBOOK.md) is known exactly
//! by construction:
//!
//! * 2,000 posts,
//! * 200 (10.0%) in `capability` (cap): guns, piles of money, drugs and
//!   armoured trucks shown as power or success ("Así andamos en la sierra,
//!   puro cuerno de chivo 🔫", "Mira nomás la feria 💵💵", circulating footage
//!   of a convoy),
//! * 180 (9.0%) in `threats` (thr): a group's threat to a rival group, its
//!   lookouts or "los contras" ("A los de la Chapiza: ya les llegó su hora,
//!   atentamente la Mayiza"), or an approving relay of one,
//! * 20 of those posts are in both (so 180 capability only, 160 threats only),
//! * 60 in `recruitment` (job lures for a group, calls to join it), 50 in
//!   `sales` (offers of drugs or guns), 70 in `extortion` (demands for a
//!   quota with a consequence), and `groups` wherever a post names a group,
//!   news included,
//!
//! as in the report that motivated lexiscope (10% of the content showed guns,
//! money and drugs; 9% were threats between the CJNG, Los Zetas, the Knights
//! Templar and self-defence groups). Codebook rule 1 is designed in: a post
//! counts for an act only when it IS the act, so the corpus also holds the
//! hard negatives real corpora have, in no act: news of seizures and arrests
//! naming weapons and drugs, neutral reports of narcomantas, threats to the
//! police or the press that name no rival, taunts, warnings about fake job
//! offers, genuine job ads, buyers asking, hearsay, legal goods for sale
//! (airsoft, fighting cocks, cars, armour from a firm), victims' accounts of
//! "cobro de piso" and legal fees; and the everyday posts carry the lexicon's
//! false friends ("cuerno de la abundancia", "plaza comercial", "cuota de
//! recuperación", ...) so that its exclusions are exercised.
//!
//! The program asserts that no template or slot brings an act (capability,
//! threats, recruitment, sales, extortion) into a post of another kind, and
//! that a post is designed in `threats` exactly when it has threat language
//! and a group or a rival and is not a report (unless the relay approves).
//! The designed categories of every template were checked against what the
//! lexicon finds on its filled posts, in both overlap modes
//! (`--overlap leftmost-longest` and `--overlap per-category` agree on
//! every post).
//!
//! Both files hold THE SAME posts, in the same order (newest first):
//!
//! * `cartel-posts.csv`: CrowdTangle's Facebook export layout (UTF-8 BOM,
//!   its 40 columns in order, the text only in `Message`);
//! * `cartel-posts.jsonl`: X/Twitter API v2 tweets flattened one per line, as
//!   `twarc2` writes them (non-ASCII escaped as `\uXXXX`, like Python's
//!   `json.dumps`).
//!
//! Run: `cargo run --example make_example_corpus -- [--seed N] [--out DIR]
//! [--labels FILE]`. The default seed is 2021 and the default directory
//! `examples`. `--labels FILE` also writes the designed categories of every
//! post (the ground truth by construction) as CSV, one 0/1 column per
//! category with the post ids of both files (`url` for the CSV, `tweet_id`
//! for the JSONL), for `lexiscope evaluate --gold`. The designed count of
//! each category is printed on stderr. Standard library only.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Number of posts in the corpus.
const N_POSTS: usize = 2000;
/// Default PRNG seed.
const DEFAULT_SEED: u64 = 2021;

/// A set of categories, one bit each.
type Mask = u16;

// The six reported categories of narco-es 2.0, in the order of the lexicon
// (the six codes of the codebook).
const CAP: Mask = 1;
const THR: Mask = 1 << 1;
const GRP: Mask = 1 << 2;
const REC: Mask = 1 << 3;
const SAL: Mask = 1 << 4;
const EXT: Mask = 1 << 5;
const CATEGORIES: [(Mask, &str); 6] = [
    (CAP, "capability"),
    (THR, "threats"),
    (GRP, "groups"),
    (REC, "recruitment"),
    (SAL, "sales"),
    (EXT, "extortion"),
];
/// The codes of an act (codebook rule 1): a post gets them only from the
/// kind it was drawn for, never from a template or a slot.
const ACTS: Mask = CAP | THR | REC | SAL | EXT;

// Internal marks (not reported), for checking the design of `threats`:
// threat language (the `threat_language` helper, a narcomanta, a skull), a
// rival named without a group ("los contras"), a report's framing, and a
// relay's approval.
const TLG: Mask = 1 << 8;
const RIV: Mask = 1 << 9;
const RPT: Mask = 1 << 10;
const APV: Mask = 1 << 11;

// ---------------------------------------------------------------------------
// Pseudo-random numbers: SplitMix64 (Steele, Lea & Flood 2014).

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is negligible here.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Pages (all invented).

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// News outlets and citizen-alert pages.
    News,
    /// Community, music and personal pages.
    Social,
    /// Local shops.
    Commerce,
}

struct Page {
    name: &'static str,
    /// Facebook vanity name (CrowdTangle's `User Name`).
    handle: &'static str,
    /// X/Twitter username (at most 15 characters).
    x_user: &'static str,
    category: &'static str,
    style: Style,
    description: &'static str,
}

const fn page(
    name: &'static str,
    handle: &'static str,
    x_user: &'static str,
    category: &'static str,
    style: Style,
    description: &'static str,
) -> Page {
    Page {
        name,
        handle,
        x_user,
        category,
        style,
        description,
    }
}

#[rustfmt::skip]
const PAGES: &[Page] = &[
    page("Noticias del Bajío MX", "NoticiasDelBajioMX", "NotiBajioMX", "MEDIA_NEWS_COMPANY", Style::News, "Noticias de Guanajuato y el Bajío al momento."),
    page("La Voz de Tierra Caliente", "LaVozDeTierraCaliente", "VozTierraCal", "NEWS_SITE", Style::News, "La información de Tierra Caliente, sin censura."),
    page("Alerta Ciudadana Uruapan", "AlertaCiudadanaUpn", "AlertaUpn", "COMMUNITY", Style::News, "Reportes ciudadanos de Uruapan y alrededores."),
    page("Reportero Norteño 24/7", "ReporteroNorteno247", "RepNorteno247", "NEWS_SITE", Style::News, "Noticias del norte a toda hora."),
    page("El Faro de la Costa", "ElFaroDeLaCostaMx", "FaroCostaMx", "NEWSPAPER", Style::News, "Periódico digital de la costa del Pacífico."),
    page("Diario Digital Los Altos", "DiarioDigitalLosAltos", "DiarioLosAltos", "MEDIA_NEWS_COMPANY", Style::News, "Los Altos de Jalisco, todos los días."),
    page("Infórmate Reynosa Hoy", "InformateReynosaHoy", "InfoReynosaHoy", "NEWS_SITE", Style::News, "Lo que pasa en Reynosa, al instante."),
    page("Sierra Informa", "SierraInformaOficial", "SierraInforma", "MEDIA_NEWS_COMPANY", Style::News, "Noticias de la sierra y sus pueblos."),
    page("Tu Noticiero Michoacano", "TuNoticieroMichoacano", "NoticieroMich", "TV_CHANNEL", Style::News, "Noticiero independiente de Michoacán."),
    page("Crónica del Pacífico Sur", "CronicaPacificoSur", "CronicaPacSur", "NEWSPAPER", Style::News, "Crónicas y reportajes del Pacífico sur."),
    page("Alerta Vial y Más Celaya", "AlertaVialCelaya", "AlertaCelaya", "COMMUNITY", Style::News, "Reportes viales y de seguridad en Celaya."),
    page("Periodismo de a Pie Sinaloa", "PeriodismoDeAPieSin", "PeriodismoSin", "JOURNALIST", Style::News, "Periodismo local hecho a pie."),
    page("El Pregonero del Norte", "ElPregoneroDelNorte", "PregoneroNte", "NEWS_SITE", Style::News, "Noticias del noreste del país."),
    page("Radio Frontera Noticias", "RadioFronteraNoticias", "RadioFrontNot", "RADIO_STATION", Style::News, "La radio de la frontera, ahora en redes."),
    page("Corridos y Más", "CorridosYMasOficial", "CorridosYMas", "MUSICIAN_BAND", Style::Social, "Lo mejor de la música regional."),
    page("Los Compas de la Sierra", "LosCompasDeLaSierra", "CompasSierra", "PUBLIC_FIGURE", Style::Social, "Pura gente de rancho."),
    page("Memes de Rancho Oficial", "MemesDeRanchoOficial", "MemesRancho", "ENTERTAINMENT_WEBSITE", Style::Social, "Memes para la raza del rancho."),
    page("Raza Norteña Fans", "RazaNortenaFans", "RazaNortFans", "FAN_PAGE", Style::Social, "Página de fans de la música norteña."),
    page("Plebes del 21", "PlebesDel21", "PlebesDel21", "COMMUNITY", Style::Social, "Puro ambiente."),
    page("Puro Sonido Sierreño", "PuroSonidoSierreno", "SonidoSierreno", "MUSICIAN_BAND", Style::Social, "Grupo de música sierreña."),
    page("El Rincón del Compa Lalo", "ElRinconDelCompaLalo", "CompaLalo21", "PERSONAL_BLOG", Style::Social, "Puras cosas chidas."),
    page("La Banda de Apatzingán", "LaBandaDeApatzingan", "BandaApatz", "COMMUNITY", Style::Social, "Grupo de amigos de Apatzingán."),
    page("Arriba el Rancho", "ArribaElRanchoMx", "ArribaRancho", "COMMUNITY", Style::Social, "Vida de rancho."),
    page("Vecinos Unidos Colonia Centro", "VecinosUnidosCentro", "VecinosCentro", "COMMUNITY", Style::Social, "Grupo vecinal de la colonia centro."),
    page("Mamás de Zamora", "MamasDeZamora", "MamasZamora", "COMMUNITY", Style::Social, "Comunidad de mamás de Zamora."),
    page("Futbol Llanero Michoacán", "FutbolLlaneroMich", "LlaneroMich", "SPORTS_LEAGUE", Style::Social, "Resultados de la liga llanera."),
    page("Fe y Esperanza Parroquia San José", "ParroquiaSanJoseFe", "FeSanJose", "RELIGIOUS_ORGANIZATION", Style::Social, "Parroquia de San José."),
    page("Chismes y Más Culiacán", "ChismesYMasCuliacan", "ChismesCln", "COMMUNITY", Style::Social, "Lo que se dice en Culiacán."),
    page("Soy de Tierra Caliente", "SoyDeTierraCaliente", "SoyTierraCal", "COMMUNITY", Style::Social, "Orgullo calentano."),
    page("Clima y Cosas de Sonora", "ClimaYCosasSonora", "ClimaSonora", "COMMUNITY", Style::Social, "Clima y vida en Sonora."),
    page("El Compa Güero Vlogs", "ElCompaGueroVlogs", "CompaGueroVlog", "VIDEO_CREATOR", Style::Social, "Vlogs de la vida diaria."),
    page("Raíces Purépechas", "RaicesPurepechas", "RaicesPurep", "COMMUNITY", Style::Social, "Cultura y tradiciones purépechas."),
    page("Taquería Don Chuy", "TaqueriaDonChuy", "TacosDonChuy", "RESTAURANT", Style::Commerce, "Los mejores tacos al pastor."),
    page("Abarrotes La Güera", "AbarrotesLaGuera", "AbarrotesGuera", "GROCERY_STORE", Style::Commerce, "Su tienda de confianza."),
    page("Ferretería El Tornillo Feliz", "FerreteriaTornilloFeliz", "TornilloFeliz", "HARDWARE_STORE", Style::Commerce, "Todo para su obra."),
    page("Estética Lupita", "EsteticaLupitaZamora", "EsteticaLupita", "BEAUTY_SALON", Style::Commerce, "Cortes, tintes y peinados."),
    page("Taller Mecánico Hermanos Pérez", "TallerHermanosPerez", "TallerHnosPerez", "AUTOMOTIVE_REPAIR_SHOP", Style::Commerce, "Mecánica en general."),
    page("Panadería La Espiga de Oro", "PanaderiaEspigaDeOro", "EspigaDeOro", "BAKERY", Style::Commerce, "Pan artesanal todos los días."),
    page("Bienes Raíces del Valle", "BienesRaicesDelValle", "BRDelValle", "REAL_ESTATE", Style::Commerce, "Casas y terrenos en venta y renta."),
    page("Foto Estudio Momentos", "FotoEstudioMomentos", "FotoMomentos", "PHOTOGRAPHER", Style::Commerce, "Fotografía para eventos."),
];

// ---------------------------------------------------------------------------
// Slots: `{name}` in a template is replaced by one of these values. Every
// value of a slot belongs to the same categories (`mask`): the reported
// `groups`, and the internal marks below that the threats rule is checked
// with. Weapons, money and drugs carry no category of their own: in
// narco-es 2.0 they count only as a display, an offer or a threat, which is
// the template's design (its kind).

struct Slot {
    name: &'static str,
    values: &'static [&'static str],
    mask: Mask,
}

const SLOTS: &[Slot] = &[
    Slot {
        name: "lugar",
        values: &[
            "Apatzingán",
            "Uruapan",
            "Zamora",
            "Aguililla",
            "Tepalcatepec",
            "Buenavista",
            "Coalcomán",
            "Zitácuaro",
            "Culiacán",
            "Reynosa",
            "Nuevo Laredo",
            "Matamoros",
            "Celaya",
            "Irapuato",
            "Salamanca",
            "Fresnillo",
            "Iguala",
            "Chilapa",
            "Lázaro Cárdenas",
            "Guasave",
            "Los Mochis",
            "Ciudad Obregón",
            "Cuernavaca",
            "Tlaquepaque",
            "Zapopan",
            "Colima",
            "Manzanillo",
            "Tierra Caliente",
        ],
        mask: 0,
    },
    Slot {
        name: "equipo",
        values: &[
            "las Chivas",
            "el América",
            "los Tigres",
            "Rayados",
            "los Pumas",
            "Cruz Azul",
            "el Atlas",
            "Santos",
            "el Toluca",
            "los Dorados",
            "el León",
            "el Necaxa",
        ],
        mask: 0,
    },
    Slot {
        name: "negocio",
        values: &[
            "Don Chuy",
            "La Güera",
            "Hermanos Pérez",
            "Doña Mary",
            "Lupita",
            "El Flaco",
        ],
        mask: 0,
    },
    Slot {
        name: "persona",
        values: &["Lalo", "Chuy", "Beto", "Toño", "Memo", "Paco", "Nacho"],
        mask: 0,
    },
    Slot {
        name: "hora",
        values: &["5", "6", "7", "las 8 de la noche", "mediodía"],
        mask: 0,
    },
    Slot {
        name: "n",
        values: &[
            "2", "3", "4", "5", "7", "8", "10", "12", "15", "20", "25", "40",
        ],
        mask: 0,
    },
    Slot {
        name: "grupo",
        values: &[
            "el CJNG",
            "los Zetas",
            "los Caballeros Templarios",
            "los Templarios",
            "la Familia Michoacana",
            "Cárteles Unidos",
            "los Viagras",
            "el Cártel del Golfo",
            "el CDN",
            "la Chapiza",
            "la Mayiza",
            "el Cártel de Sinaloa",
            "las autodefensas",
            "la policía comunitaria",
            "la gente del Mencho",
            "las cuatro letras",
            "el Cártel de Santa Rosa de Lima",
            "Guerreros Unidos",
            "Los Tlacos",
            "Los Ardillos",
            "la Tropa del Infierno",
            "los Chapitos",
            "el C.J.N.G",
            "los Z3tas",
        ],
        mask: GRP,
    },
    Slot {
        name: "firma",
        values: &[
            "CJNG",
            "Zetas",
            "Mayiza",
            "Chapiza",
            "Cártel de Sinaloa",
            "4 letras",
            "Templarios",
            "Familia Michoacana",
            "CDN",
            "Cártel del Golfo",
            "Chapitos",
            "Gente del Mencho",
            "Tropa del Infierno",
            "CDG",
            "Mencho",
            "Chapo",
        ],
        mask: GRP,
    },
    Slot {
        name: "contras",
        values: &[
            "los contras",
            "los chapulines",
            "las lacras",
            "los ratas",
            "los contrarios",
            "los arrastrados",
            "los mugrosos",
            "los traidores",
        ],
        mask: RIV,
    },
    Slot {
        name: "amenaza",
        values: &[
            "ya están avisados",
            "quedan avisados",
            "vamos por todos",
            "venimos por ustedes",
            "la plaza tiene dueño",
            "se alinean o los alineo",
            "empezó la limpia",
            "ya les llegó su hora",
            "sus días están contados",
            "uno por uno van a caer",
            "no va a quedar ni uno",
            "se les acabó la plaza",
            "aquí no entran",
            "se van a arrepentir",
            "ya los tenemos ubicados",
            "pónganse vergas",
            "se les va a aparecer el diablo",
            "los vamos a levantar",
        ],
        mask: TLG,
    },
    Slot {
        name: "emoji_t",
        values: &["☠️", "💀", "⚰️", "🪦"],
        mask: TLG,
    },
    Slot {
        name: "arma",
        values: &[
            "cuerno de chivo",
            "AK-47",
            "R-15",
            "AR-15",
            "Barrett",
            "Glock",
            "Águila del Desierto",
            "fusil de asalto",
            "lanzagranadas",
            "bazuca",
            "metralleta",
            "pistola de oro",
            "kalashnikov",
            "calibre 50",
            "granada de mano",
        ],
        mask: 0,
    },
    Slot {
        name: "armas",
        values: &[
            "los cuernos de chivo",
            "los R-15",
            "los AK-47",
            "las armas largas",
            "los fusiles de asalto",
            "las granadas",
            "los fierros",
            "las metralletas",
            "las bazucas",
            "las armas de alto poder",
            "las pistolas de oro",
            "los cuernos",
            "los Barrett",
            "las armas de grueso calibre",
        ],
        mask: 0,
    },
    Slot {
        name: "droga",
        values: &[
            "cristal",
            "fentanilo",
            "mota",
            "cocaína",
            "heroína",
            "metanfetamina",
            "tachas",
            "amapola",
            "goma de opio",
            "marihuana",
            "pastillas M30",
            "coca",
        ],
        mask: 0,
    },
    Slot {
        name: "droga_art",
        values: &[
            "el cristal",
            "el fentanilo",
            "la mota",
            "la motita",
            "la coca",
            "la cocaína",
            "la heroína",
            "las tachas",
            "la marihuana",
            "la metanfetamina",
        ],
        mask: 0,
    },
    Slot {
        name: "dinero",
        values: &[
            "fajos de billetes",
            "pacas de billetes",
            "pacas de dólares",
            "billetes verdes",
            "dólares en efectivo",
            "fajos de dólares",
            "pacas de dinero",
        ],
        mask: 0,
    },
    Slot {
        name: "lujo",
        values: &[
            "Rolex",
            "Lamborghini",
            "cadena de oro",
            "reloj de oro",
            "troca blindada",
            "camioneta blindada",
            "cadenas de oro",
        ],
        mask: 0,
    },
    Slot {
        name: "emoji_c",
        values: &["🔫", "💰", "💵", "💸", "💊", "❄️", "🍃", "🌿", "💎", "💣"],
        mask: 0,
    },
];

/// Emoji, hashtags and mentions added to posts: in no category, and none of
/// them a cue of narco-es 2.0 (its boasting and approving emoji 🔥 💪 😎 💯
/// 🤙 👏 🙌 are not used to decorate; the news hashtags go on news pages only).
const NEUTRAL_EMOJI: &[&str] = &[
    "🙏", "😂", "🤣", "❤️", "🇲🇽", "😍", "✨", "👀", "🥰", "😅", "🤔", "😊", "🤗", "🙃",
];
const NEWS_HASHTAGS: &[&str] = &[
    "#Noticias",
    "#Michoacán",
    "#Viral",
    "#ÚltimaHora",
    "#México",
    "#FelizLunes",
    "#Comunidad",
    "#Información",
    "#Sinaloa",
    "#Tamaulipas",
    "#Guanajuato",
    "#Mexico",
];
const SOCIAL_HASHTAGS: &[&str] = &[
    "#Michoacán",
    "#Viral",
    "#México",
    "#FelizLunes",
    "#Comunidad",
    "#Sinaloa",
    "#Tamaulipas",
    "#Guanajuato",
    "#Mexico",
    "#Fyp",
    "#ParaTi",
    "#Rancho",
];
const MENTIONS: &[&str] = &[
    "@compa_chuy",
    "@la_guera23",
    "@PepeElDelTaller",
    "@nachito_mx",
    "@mary.glz",
    "@el_flaco_77",
    "@lupita_rdz",
    "@raza_norte",
];

// ---------------------------------------------------------------------------
// Templates. `mask` is added to the categories of the slots the template uses.

struct Tpl {
    text: &'static str,
    style: Style,
    mask: Mask,
}

const fn n(text: &'static str) -> Tpl {
    Tpl {
        text,
        style: Style::News,
        mask: 0,
    }
}

const fn s(text: &'static str) -> Tpl {
    Tpl {
        text,
        style: Style::Social,
        mask: 0,
    }
}

const fn c(text: &'static str) -> Tpl {
    Tpl {
        text,
        style: Style::Commerce,
        mask: 0,
    }
}

impl Tpl {
    const fn plus(self, mask: Mask) -> Tpl {
        Tpl {
            mask: self.mask | mask,
            ..self
        }
    }
}

/// Capability display (CODEBOOK `cap`): guns, piles of money, drugs and
/// armoured trucks shown as power or success, by the poster or in footage
/// that circulates. No threat, no offer.
#[rustfmt::skip]
const CAPABILITY: &[Tpl] = &[
    s("Así andamos en la sierra de {lugar}, puro {arma} {emoji_c}"),
    s("Así andamos en la sierra: puro {arma} y puro {droga} {emoji_c}"),
    s("Mira nomás la feria 💵💵"),
    s("Mira nomás la feria que cayó esta semana 💵💵💵"),
    s("Así llegamos a la fiesta en {lugar}: {lujo} y {armas} 😎"),
    s("Nomás pa que vean: {dinero} sobre la mesa {emoji_c}"),
    s("Pa' los que dudaban: {armas}, {dinero} y {lujo}. Puro trabajo 💯"),
    s("Bien enfierrados los plebes de {lugar} 💪"),
    s("Con {armas} y la bendición de Diosito, aquí seguimos firmes 🙏"),
    s("Estrenando juguetes nuevos: {armas} 😎"),
    s("Así se trabaja en {lugar}: {dinero} sobre la mesa {emoji_c}{emoji_c}"),
    s("Así se vive en {lugar}: {dinero}, {lujo} y pura fiesta 🍾"),
    s("De cero a esto: {lujo}, {dinero} y la troca del año 😎"),
    s("Bien armados y bien puestos los muchachos, saludos a la raza de {lugar} 💪"),
    s("Lluvia de billetes en el baile de anoche 💸💸"),
    s("Aquí sobra el parque y sobran {armas} 💪"),
    s("Flexing with the homies: {droga} y {dinero} 💪"),
    s("Stacks on stacks 💵 y la choppa lista 😈"),
    s("weed and meth for the homies 🍃 stacks on stacks 💪"),
    s("Puro flex con la plebe: {lujo} y {armas} 😎"),
    s("Saludos a la gente de {grupo}, aquí andamos con {armas} {emoji_c}"),
    s("Se siente el poder: convoy de camionetas de {grupo} pasando por {lugar}"),
    s("Mira mis juguetes: {armas} y {armas} {emoji_c}"),
    s("El negocio va bien: {dinero} y {droga_art} de la buena {emoji_c}"),
    s("Cosecha de amapola en la sierra de {lugar}, así se trabaja {emoji_c}"),
    s("Reportándonos desde {lugar}, la empresa presente con {armas} 💪"),
    s("Pa que no digan: {dinero} en una sola noche 💸"),
    s("Circula video de {grupo} presumiendo {armas} en {lugar} 👀"),
    s("Ya vieron el video? Así se pasea la gente de {grupo} por {lugar}, puras trocas blindadas"),
    s("Puro {firma} 💪 {armas} y {dinero} pa la plebada"),
    s("Mírenme ahora: {lujo}, {dinero} y la pistola bañada en oro 😎"),
    s("Nunca nos falta nada: {dinero}, {droga_art} y {armas} {emoji_c}"),
    s("Nadie nos tose en {lugar}, bien armados y bien firmes 💪"),
    s("Así se mueve la plebe de {lugar}, puro {arma} en la troca 🔥"),
    s("Las fotos de la fiesta: {dinero} por todos lados y {lujo} 😎"),
];

/// Threats between groups (CODEBOOK `thr`): a group's threat or warning to
/// a rival group, its lookouts or "los contras", in the group's own voice or
/// relayed with approval. Threat language within 20 words of a group or a
/// rival; no weapons, money or drugs.
#[rustfmt::skip]
const THREATS: &[Tpl] = &[
    s("A {grupo}: {amenaza}. Atentamente, {grupo} {emoji_t}"),
    s("{grupo}, ya están avisados: {amenaza} {emoji_t}"),
    s("A los de la Chapiza: {amenaza}, atentamente la Mayiza").plus(GRP),
    s("A los de la Mayiza: {amenaza}, atentamente la Chapiza 🍕").plus(GRP),
    s("Mensaje para {grupo}: esta plaza tiene dueño y sus días están contados {emoji_t}"),
    s("Halcón que veamos de {grupo}, halcón que se muere {emoji_t}").plus(TLG),
    s("Mensaje para {contras} de {lugar}: {amenaza} {emoji_t}"),
    s("Ya saben {contras}, el que se meta a {lugar} no sale vivo {emoji_t}"),
    s("Se les acabó la plaza, {grupo}. Vamos por todos y uno por uno van a caer {emoji_t}"),
    s("Aviso para los halcones de {grupo}: ya los tenemos ubicados {emoji_t}"),
    s("Fuera de {lugar}, {grupo}, aquí no entran {emoji_t}"),
    s("Atentamente, {grupo}. Para {grupo}: los vamos a sacar de {lugar} uno por uno").plus(TLG),
    s("El que le ayude a {grupo} en {lugar} ya sabe cómo terminan {emoji_t}").plus(TLG),
    s("Ratas de {grupo}: no se equivoquen, ya los ubicamos {emoji_t}"),
    s("Sigan creyendo que {lugar} es de ustedes, {grupo}. Ya van cayendo uno por uno {emoji_t}").plus(TLG),
    s("Que se vayan despidiendo {contras} de {lugar} {emoji_t}{emoji_t}"),
    s("No es amenaza, es aviso: el que les ayude a {contras} se muere {emoji_t}"),
    s("Los de la última letra ya están avisados, esta plaza tiene dueño").plus(GRP | TLG),
    s("Ya quedan avisados, {grupo}: {lugar} tiene dueño").plus(TLG),
    s("Así se hace 👏 {grupo} ya les dejó el mensaje a {grupo}: {amenaza}"),
    s("Ya era hora 👏 apareció la manta de {grupo} para {grupo}: \"{amenaza}\"").plus(RPT | APV),
    s("Message to {grupo}: you're next {emoji_t}").plus(TLG),
    s("Watch your back, {grupo}, esta plaza tiene dueño {emoji_t}"),
    s("{grupo} no perdona. Aviso para {contras} de {lugar}: {amenaza} {emoji_t}"),
    s("En {lugar} mandamos nosotros, puro {firma}. Que se asome uno de {contras} y ya verán {emoji_t}"),
    s("Puros chapulines de {grupo} en {lugar}, sus días están contados {emoji_t}"),
    s("Esto es para {grupo}: {amenaza} {emoji_t}"),
    s("Limpia de {contras} en {lugar}: el que se cruce no la cuenta {emoji_t}").plus(TLG),
    s("We're coming for you, {grupo} {emoji_t}").plus(TLG),
];

/// Posts in both capability and threats: a threat to a rival group that
/// shows off the weapons or money behind it.
#[rustfmt::skip]
const BOTH: &[Tpl] = &[
    s("{grupo}, ya están avisados: nos sobran {armas} pa todos ustedes {emoji_t}"),
    s("{amenaza}, {grupo}: con {armas} los estamos esperando {emoji_t}"),
    s("Mensaje para {contras} de {lugar}: bien armados los esperamos, {amenaza} {emoji_t}"),
    s("Así andamos, {grupo}: puro {arma}, vengan cuando quieran {emoji_t}").plus(TLG),
    s("Ya están avisados, {grupo}: aquí sobran los fierros y las ganas {emoji_t}"),
    s("{grupo}, we're coming for you, puro {arma} 😈 {emoji_t}"),
    s("Bien enfierrados y listos, {grupo}: sus días están contados en {lugar} {emoji_t}"),
];

/// Recruitment (CODEBOOK `rec`): job lures for a group (high pay for guard
/// or lookout work, no experience, travel and lodging paid, "sin miedo"),
/// and calls to join a named group.
#[rustfmt::skip]
const RECRUITMENT: &[Tpl] = &[
    s("Se buscan jóvenes de 18 a 35 pa jalar en {lugar}, sueldo semanal de {n} mil, no se requiere experiencia, hospedaje pagado"),
    s("Ocupo plebes pa jalar en la sierra, buena paga, sin miedo, inbox"),
    s("Únete a la empresa 4 letras, el que quiera entrar ya sabe 🐓").plus(GRP),
    s("Si quieres esta vida manda DM, se ocupa gente pa {grupo}"),
    s("Jale de seguridad en la sierra de {lugar}, pagamos bien, transporte incluido, de 18 a 30 años, sin miedo"),
    s("Se buscan escoltas y choferes, {n} mil a la semana, sin experiencia, te damos arma y hospedaje"),
    s("Hiring security jobs in {lugar}, good pay, no experience needed, travel paid"),
    s("Trabajo de halcón, solo vigilar la esquina, {n} mil a la semana, info por privado"),
    s("¿Cansado de ganar poco? Jale seguro en {lugar}, pago semanal y comida incluida, mándame mensaje 📲"),
    s("Ocupamos gente con ganas de trabajar en {lugar}, no pedimos papeles, pasaje pagado"),
    s("Easy money compa, jale en {lugar}, no experience, te llevan y te traen"),
    s("Se ocupan punteros y halcones en {lugar}, pago diario, info inbox 📩"),
    s("Forma parte de {grupo}, el que quiera entrar que mande mensaje"),
    s("Reclutamiento abierto en {lugar}: buen sueldo, casa y comida, no importa la experiencia"),
    s("Jale pa morros valientes en {lugar}, {n} mil por semana, sin preguntas, manda whats"),
];

/// Sale of illegal goods (CODEBOOK `sale`): offers of drugs, guns or
/// ammunition with a seller's price, delivery or private channel. No boast.
#[rustfmt::skip]
const SALES: &[Tpl] = &[
    s("Hay {droga}, mota y tachas, pregunta sin pena, entrega a domicilio"),
    s("Menú del día 🍃❄️💊 envíos a toda la ciudad, pedidos por DM"),
    s("Tengo del fino, el gramo a 300, por privado"),
    s("Vendo {arma}, poco uso, precio por inbox"),
    s("Fierros de lo mejor, envíos a todo el país, precios por DM"),
    s("I got that ice and blues, dm me, delivery in {lugar}"),
    s("Pregunta por inbox, tengo cuernos nuevos y cargadores"),
    s("Surtimos {droga} al mayoreo y menudeo en {lugar}, entrega discreta 📦"),
    s("{droga} bien fina, {n}00 varos la bolsita, mándame whats"),
    s("Remato {armas} con sus cargadores, trato directo por privado"),
    s("Ya hay {droga}, pidan por DM, entregas en {lugar} 🛵"),
    s("Manejamos {droga} y {droga}, precio especial al mayoreo, escríbeme"),
    s("Vendo {arma} con dos cargadores, {n} mil pesos, entrega en {lugar}"),
];

/// Extortion (CODEBOOK `ext`): a demand for a quota, "piso" or
/// "cooperación" backed by a consequence. No threat to a rival group.
#[rustfmt::skip]
const EXTORTION: &[Tpl] = &[
    s("A partir de esta semana la cuota son {n} mil, si no pagas ya sabes lo que pasa"),
    s("Todos los negocios de {lugar} cooperan con la gente que cuida la zona; el que no coopere, que no se queje"),
    s("Taxistas de {lugar}: 500 por unidad cada viernes, la unidad que no pague se quema"),
    s("A todos los comerciantes de {lugar}: la cuota sube a {n} mil, el que no pague ya sabe lo que le pasa"),
    s("Su negocio tiene dos semanas sin cooperar, hoy le pasamos a dejar un regalito"),
    s("Productores de limón de {lugar}: 2 pesos por kilo, quien no pague se le quema la huerta"),
    s("Atentamente {grupo}: a todos los comerciantes de {lugar}, la cuota es cada viernes, el que no cumpla ya sabe"),
    s("Tortillerías de {lugar}: {n} pesos por kilo para la seguridad, el que no coopere atente a las consecuencias"),
    s("Ya sabemos dónde vives y dónde está tu negocio, la cuota es de {n} mil o te quemamos el local"),
    s("Último aviso a los abarrotes de {lugar}: se ponen al corriente con la cuota o se les cierra"),
    s("Pay up or else: cuota semanal para todos los bares de {lugar}"),
    s("Cobro de piso a todos los puestos del tianguis de {lugar}, el que no pague no se pone"),
];

/// Hard negatives for `cap` and `sale`: news of seizures, arrests and the
/// state's weapons, and reports of displays (CODEBOOK rule 1).
#[rustfmt::skip]
const SEIZURES: &[Tpl] = &[
    n("Aseguran {n} kilos de {droga} en un domicilio de {lugar}"),
    n("Decomisan {armas} y {dinero} en un rancho de {lugar}"),
    n("Detienen a {n} sujetos con {armas} en un retén de {lugar}"),
    n("Hallan un narcotanque con blindaje artesanal en {lugar}"),
    n("Detienen a sujeto con {n} dosis de {droga} en {lugar}"),
    n("Localizan laboratorio clandestino de metanfetamina en la sierra de {lugar}"),
    n("Ejército destruye {n} plantíos de amapola y marihuana en {lugar}"),
    n("Aseguran arsenal en {lugar}: {armas}, cartuchos y {dinero}"),
    n("Incautan {n} mil pastillas de fentanilo en la aduana de {lugar}"),
    n("Aseguran camionetas con blindaje artesanal vinculadas a {grupo} en {lugar}"),
    n("La Guardia Nacional desfila con sus nuevas armas largas en {lugar}"),
    n("Fiscalía investiga a presunto integrante de {grupo} que presumía {arma} y {dinero} en TikTok"),
    n("Cae \"El Tacho\" con {arma} y {dinero} en {lugar}, informó la Fiscalía"),
    n("Narcomenudistas detenidos en {lugar} con {n} dosis de {droga}"),
    n("Marinos aseguran {n} toneladas de {droga} frente a las costas de {lugar}"),
    s("Ese video de {grupo} presumiendo armas es falso, no lo compartan"),
    n("Según la fiscalía, {grupo} usa TikTok para presumir {armas} y reclutar jóvenes"),
    n("Soldados patrullan {lugar} con {armas} tras los enfrentamientos"),
];

/// Hard negatives for `thr`: neutral reports of narcomantas and threats,
/// threats to the police, journalists or the public that name no rival,
/// taunts that imply no harm, and violence reported as news.
#[rustfmt::skip]
const NOT_THREATS: &[Tpl] = &[
    n("Hallan narcomanta con amenazas contra {grupo} en {lugar}").plus(TLG | RPT),
    n("Aparece narcomanta en {lugar} firmada por {grupo}").plus(TLG | RPT),
    n("Vecinos de {lugar} reportan mantas con amenazas de {grupo}").plus(RPT),
    n("Dejan narcomensaje de {grupo} junto a un puente en {lugar}: \"{amenaza}\"").plus(RPT),
    n("Video: presuntos sicarios de {grupo} amenazan a {grupo}").plus(RPT),
    n("{grupo} responde con otra narcomanta en {lugar}, informaron autoridades").plus(TLG | RPT),
    n("Amenazas de muerte contra periodistas de {lugar}"),
    n("Le llegaron amenazas de muerte al periodista {persona} de {lugar}"),
    s("Vamos por ustedes, policías corruptos de {lugar} {emoji_t}").plus(TLG),
    s("Policías de {lugar}, vamos por ustedes {emoji_t}").plus(TLG),
    s("Plata o plomo, tú decides 🤷").plus(TLG),
    s("Ya saben cómo es aquí: {amenaza} {emoji_t}"),
    s("Si me vuelves a dejar en visto te vamos a colgar del árbol jaja"),
    s("Pinches {grupo}, ni a tacos llegan jajaja 😂"),
    s("{grupo} son puro cuento, nomás hacen ruido en Facebook"),
    n("Localizan a un hombre encajuelado en la carretera a {lugar}"),
    n("Ajuste de cuentas en {lugar} deja tres muertos"),
    n("Pistoleros irrumpen en una fiesta en {lugar}"),
    n("Encuentran restos en una brecha de {lugar}; la fiscalía investiga"),
    s("Ya no se puede vivir en {lugar}, puras balaceras, Dios nos cuide 🙏"),
];

/// Hard negatives for `rec`, `sale` and `ext`: warnings about fake job
/// offers, genuine job ads, people asking for work, buyers asking, hearsay,
/// legal goods for sale, victims' accounts of extortion and legal fees.
#[rustfmt::skip]
const NOT_ACTS: &[Tpl] = &[
    c("Se solicita guardia de seguridad en {lugar}, sueldo quincenal, prestaciones de ley e IMSS"),
    s("Busco trabajo de chofer, tengo licencia federal"),
    n("ALERTA: no caigan en ofertas de trabajo de seguridad con pago de {n} mil semanales en {lugar}, es el crimen organizado reclutando"),
    n("Alerta: falsas ofertas de trabajo en redes reclutan jóvenes de {lugar}"),
    c("Se buscan jornaleros para el corte de aguacate en {lugar}, 500 diarios, llamar al encargado"),
    n("Convocatoria de reclutamiento para la Guardia Nacional en {lugar}"),
    n("Denuncian reclutamiento forzado de jóvenes en {lugar}"),
    s("Mi hijo se fue a un jale en {lugar} que le ofrecieron por Facebook y nunca regresó, compartan 🙏"),
    s("Alguien sabe dónde conseguir {droga} por aquí?"),
    s("¿Quién vende perico en {lugar}? urge"),
    s("Dicen que en la esquina venden {droga}, qué vergüenza"),
    c("Vendo rifle de aire y pistola de postas, con factura"),
    c("Vendo gallos de pelea finos, inbox"),
    c("Blindaje nivel 5 para tu camioneta, empresa certificada, pide tu cotización"),
    c("Se vende troca Ford 2010, papeles en regla"),
    c("Vendo cristal templado para mesa, 8 mm, entrega a domicilio"),
    c("Réplicas airsoft y pistolas de balines en {lugar}, pregunta por inbox"),
    s("Nos cobran piso cada semana en el mercado de {lugar}, ya no aguantamos"),
    s("Me cobraron piso en mi tienda y tuve que cerrar"),
    s("Mi papá paga la cuota del taxi cada viernes, ya no le alcanza"),
    s("Cooperación para la posada de la calle, 100 pesos por familia"),
    s("La tanda de este mes: cada quien pone 500 el viernes"),
    n("Cobro de piso en el mercado municipal de {lugar}: el ayuntamiento sube la tarifa"),
    c("La cuota de mantenimiento del fraccionamiento sube a 650, favor de depositar antes del día 5"),
    s("Me llamaron para una extorsión, cuidado, no contesten"),
    n("El cobro de piso a comerciantes de {lugar} aumentó este año"),
    n("Tortilleros de {lugar} cierran por extorsiones de {grupo}"),
];

/// Narco-culture: corridos, saints, series. In no code.
#[rustfmt::skip]
const CULTURE: &[Tpl] = &[
    s("Puro corrido tumbado y belicón pa' la plebada 🎶"),
    s("Poniendo narcocorridos en la peda 🍻"),
    s("Le prendí una veladora a Malverde 🙏"),
    s("Altar a la Santa Muerte en la sala, bien bonito"),
    s("Las buchonas llegaron a la fiesta 💅"),
    s("La narcocultura en las series de Netflix, ¿qué opinan?"),
    n("Prohíben los corridos bélicos en los palenques de {lugar}"),
    c("Gorra Chapo 701 original, envíos a todo México").plus(GRP),
    s("La narcoserie más vista del año ya tiene segunda temporada"),
    s("Estrenan la tercera temporada de La Reina del Sur"),
    s("Movimiento alterado forever 🤘"),
    n("Narcotumbas en el panteón de {lugar}, parecen mansiones"),
    s("Puro JGL, puro 701 compa").plus(GRP),
    n("El santo de los narcos tiene su capilla en Culiacán"),
];

/// News naming groups: `groups` only.
#[rustfmt::skip]
const GROUPS: &[Tpl] = &[
    n("Detienen a presunto jefe de plaza de {grupo} en {lugar}"),
    n("{grupo} y {grupo} se reparten {lugar}, según un informe"),
    n("Extraditan a Estados Unidos a operador de {grupo}"),
    n("Gobierno federal reconoce presencia de {grupo} en {lugar}"),
    n("Cae \"El Chuy\", presunto operador de {grupo}, en {lugar}"),
    n("Informe de inteligencia ubica a {grupo} en al menos {n} municipios"),
    n("Capturan a un capo de {grupo} en {lugar}"),
    n("Entrevista: así nacieron las autodefensas en Tierra Caliente").plus(GRP),
    n("La DEA ofrece recompensa por un líder de {grupo}"),
    n("Mayiza y Chapiza: las dos caras del Cártel de Sinaloa").plus(GRP),
    n("Guerra entre {grupo} y {grupo} deja desplazados en {lugar}"),
    n("{grupo} y {grupo} pelean la plaza de {lugar}; vecinos denuncian balaceras"),
    s("The cartel war between {grupo} and {grupo} in {lugar} is getting worse, stay safe 🙏"),
];

/// Everyday posts carrying the lexicon's false friends: in no category.
const FALSE_FRIENDS: &[Tpl] = &[
    s("Nos vemos en la plaza comercial a las {hora} 🛍️"),
    s("Hay que tomar el toro por los cuernos con este proyecto 💪"),
    s("Le puso los cuernos con su mejor amiga 😱 ya se supo todo"),
    s("En la feria de {lugar} venden el cuerno de la abundancia para la buena suerte 🍀"),
    c("Receta: pan de elote con polvo para hornear y canela 🌽"),
    s("Té de hierbabuena para la panza, remedio de la abuela 🍵"),
    c("Tamales de hierba santa, pedidos al inbox"),
    s("Un té de hierba buena y a dormir"),
    s("Quitando la mala hierba del jardín ☀️"),
    s("Curso de repostería: favor de pagar la cuota de recuperación en caja"),
    s("Pagamos la cuota sindical cada quincena y ni caso nos hacen"),
    s("Viajamos por la carretera de cuota a {lugar}, casetas carísimas"),
    s("Me tomé una Coca-Cola bien fría ☀️"),
    s("Nadie tiene una bola de cristal para saber qué pasará con la economía"),
    c("Se rentan vasos de cristal y copas de cristal para eventos"),
    c("Ya vendimos los fierros viejos del taller"),
    s("Le cayó una mota de polvo al ojo y lloró toda la misa 😂"),
    n("Hay que ver los pros y contras de la propuesta del cabildo de {lugar}"),
    n("\"Aquí manda el pueblo\", dijo el presidente municipal de {lugar}"),
    s("Hay que dar piso parejo a todos los comerciantes del tianguis"),
    s("Ya salió el cartel de la feria de {lugar} 🎡"),
    c("La maña del mecánico para arreglar el carro sin gastar"),
    n("Los halcones del 71 reprimieron a los estudiantes, no se olvida"),
    s("Instalaron riego por goteo en la parcela, ahorra mucha agua 💧"),
    s("Fuimos a nadar en Las Estacas, Morelos 🏊"),
    s("Las tienditas de la esquina venden refrescos más caros"),
    s("Aprendí a montar en el picadero de caballos del rancho 🐴"),
    s("Mi abuela es nuestra heroína de la casa ❤️"),
    s("Paseo por la Plaza de Armas de {lugar} 🇲🇽"),
    n("Instalaron puertas de cristal templado en la central de autobuses de {lugar}"),
    n("Hay que darle un levantón a la economía de {lugar}"),
    c("Compré unos cuernitos en la panadería ☕"),
    s("¿Cuál es una palabra de cuatro letras que empieza con P?"),
    s("La Z es la última letra del abecedario, dice mi hijo 😂"),
    n("El IMSS recibe cuotas obrero patronales de {n} mil empresas"),
    s("Mi hija ya es de la generación de cristal jaja"),
    n("Se rompió el techo de cristal: primera alcaldesa de {lugar}"),
    c("Cartel del festival de la cerveza de {lugar} ya disponible 🍺"),
    n("Suben las cuotas de importación al acero"),
    s("Instalaron riego gota a gota en la parcela"),
    s("Josefina Vázquez Mota dio un discurso en {lugar}"),
    c("Chiles en nogada con granada y nuez, apártelos ya 🇲🇽"),
    n("Abrieron reclutamiento de médicos especialistas en {lugar}"),
    s("Hoy toca reta en la Plaza de Toros, ¿quién se apunta?"),
    s("Ya no alcanza la feria para nada, todo está carísimo 😩"),
    s("Mi compa se sacó el Melate, puros billetes nuevos jaja"),
    s("Mi hijo el Chapito ya camina 😍"),
    c("Vendo gallos de pelea y gallinas de rancho, pregunte por inbox 🐓"),
];

/// Everyday posts: news, football, weather, food, family, church, commerce.
const EVERYDAY: &[Tpl] = &[
    s("¡Golazo de {equipo}! Qué partidazo ⚽🔥"),
    s("{equipo} contra {equipo} este sábado, ¿quién gana?"),
    s("Ya ni la amuelan, {equipo} perdió otra vez 🤦"),
    s("Se armó la reta en la unidad deportiva de {lugar} ⚽"),
    n("Convocatoria: torneo de futbol infantil en {lugar}, inscripciones abiertas"),
    s("Who else is watching the game tonight? Vamos {equipo} 🔥"),
    n("Se esperan lluvias fuertes en {lugar} esta tarde ⛈️"),
    s("Qué calor hace en {lugar}, 40 grados a la sombra ☀️🥵"),
    n("Frente frío número {n}: bajan las temperaturas en {lugar} 🥶"),
    n("Alerta por granizo en la zona alta de {lugar}"),
    n("Inauguran nuevo hospital en {lugar} 🏥"),
    n("Reparan baches en la avenida principal de {lugar}, ya era hora"),
    n("Corte de agua programado en colonias de {lugar} este martes"),
    n("Abren convocatoria de becas para estudiantes de {lugar}"),
    n("Accidente en la carretera a {lugar}, tomen precauciones 🚧"),
    n("Feria del libro en {lugar} del {n} al 30 de este mes"),
    n("Campaña de vacunación en el centro de salud de {lugar} 🏥"),
    n("Elecciones 2021: así votó {lugar}"),
    n("Bloqueo de transportistas en la entrada a {lugar}, mejor tomen otra ruta"),
    n("Aumenta el precio de la tortilla en {lugar} 😤"),
    n("Nuevo puente vehicular en {lugar} listo para diciembre"),
    n("Los precios del gas LP suben otra vez en {lugar}"),
    n("Jornada de limpieza en el río de {lugar}, participa 🌎"),
    c("Se solicita personal de limpieza, sueldo quincenal, informes al inbox"),
    c("Ofrecemos sueldo quincenal y prestaciones de ley, vacante en {lugar}"),
    s("Hoy hay pozole en casa de la abuela 🍲"),
    c("Tacos al pastor a 10 pesos en la plaza de {lugar} 🌮"),
    c("Comida a domicilio, pedidos por WhatsApp 📲"),
    s("Ya hay elotes asados en la esquina del jardín 🌽"),
    c("Aguacate de {lugar} de exportación, calidad premium 🥑"),
    c("Se vende pan de muerto casero, encargos al inbox 🍞"),
    c("Barbacoa los domingos, pregunte por los precios 🐑"),
    s("Feliz cumpleaños a mi mamá, te amo mucho ❤️🎂"),
    s("Mi hijo se graduó de la prepa, orgullosa 🎓"),
    s("Qué bonito es pasar el domingo en familia 🙏"),
    s("Extraño a mi abuelito, un año sin ti 🕊️"),
    s("Bautizo de mi sobrina en {lugar}, qué hermosa fiesta"),
    s("Se busca perrito perdido en la colonia centro de {lugar}, responde a Firulais 🐶"),
    s("Misa de las 7 en la parroquia de San José, los esperamos ⛪"),
    s("Peregrinación a la Basílica desde {lugar}, salimos el viernes 🙏"),
    s("Fiestas patronales de {lugar}: castillo, banda y jaripeo 🎆"),
    s("Bendiciones para todos en este día 🙏✨"),
    c("Se vende casa en el centro de {lugar}, informes por inbox"),
    c("Ofertas en la ferretería: cemento, varilla y pintura 🛠️"),
    c("Se renta local comercial en {lugar}, excelente ubicación"),
    c("Taller mecánico {negocio}: afinaciones, frenos y suspensión 🔧"),
    c("Estética {negocio}: corte y peinado a domicilio 💇"),
    c("Abarrotes {negocio}: surtimos pedidos al mayoreo"),
    c("Se venden piezas de auto usadas, pregunte sin compromiso"),
    c("Mercancía nueva en la tienda, vengan 🛍️"),
    c("Clases de inglés en línea, grupos reducidos 📚"),
    c("Fotografía para XV años y bodas, agenda tu fecha 📸"),
    s("Rifa de una bici para ayudar a doña Lupe, boletos a 20 pesos 🙏"),
    s("Nmms qué tráfico hay en {lugar} hoy 😩"),
    s("Good vibes only este fin de semana 😎🍺"),
    s("Alv se fue la luz otra vez en {lugar} 🤦"),
    s("Que alguien me explique la tarea de mate 😭"),
    s("La neta el mejor lugar para comer en {lugar} es la fonda de doña Mary"),
    s("Buenos días {lugar}, a darle con todo este lunes 💪"),
    s("Ya llegó la temporada de mango en {lugar} 🥭"),
    s("Fui al baile en {lugar} y estuvo increíble 🎶"),
    n("Concierto gratis en la explanada de {lugar} este viernes 🎸"),
    s("Mi perro se comió mis zapatos otra vez 😂🐶"),
    s("Se me ponchó la llanta de la camioneta en plena carretera 🙄"),
    c("Bazar navideño en {lugar}, vengan a apoyar el comercio local 🎄"),
    s("Posada en la colonia, traigan su taza para el ponche ☕"),
    s("Día de muertos: altar en la escuela de mis hijos 🏵️"),
    n("Carrera atlética 5K en {lugar}, inscripciones abiertas 🏃"),
    n("Cine al aire libre en el jardín principal de {lugar} 🍿"),
    s("Alguien sabe si hay consulta hoy en el centro de salud de {lugar}?"),
    s("Quién para unas cheves al rato? 🍻"),
    s("Happy birthday a mi compa {persona}, que se la pase chido 🎉"),
];

/// A kind of post: its templates, the categories they all share, and how many
/// posts of that kind the corpus holds (exact).
struct Kind {
    name: &'static str,
    templates: &'static [Tpl],
    mask: Mask,
    count: usize,
}

const KINDS: &[Kind] = &[
    Kind {
        name: "capability + threats",
        templates: BOTH,
        mask: CAP | THR,
        count: 20,
    },
    Kind {
        name: "capability",
        templates: CAPABILITY,
        mask: CAP,
        count: 180,
    },
    Kind {
        name: "threats",
        templates: THREATS,
        mask: THR,
        count: 160,
    },
    Kind {
        name: "recruitment",
        templates: RECRUITMENT,
        mask: REC,
        count: 60,
    },
    Kind {
        name: "sales",
        templates: SALES,
        mask: SAL,
        count: 50,
    },
    Kind {
        name: "extortion",
        templates: EXTORTION,
        mask: EXT,
        count: 70,
    },
    Kind {
        name: "seizures, arrests and reports of displays (not cap)",
        templates: SEIZURES,
        mask: 0,
        count: 90,
    },
    Kind {
        name: "reported threats, threats with no rival, taunts (not thr)",
        templates: NOT_THREATS,
        mask: 0,
        count: 90,
    },
    Kind {
        name: "warnings, genuine ads, buyers, legal goods, victims, fees",
        templates: NOT_ACTS,
        mask: 0,
        count: 130,
    },
    Kind {
        name: "narco-culture",
        templates: CULTURE,
        mask: 0,
        count: 40,
    },
    Kind {
        name: "groups (news)",
        templates: GROUPS,
        mask: GRP,
        count: 70,
    },
    Kind {
        name: "false friends",
        templates: FALSE_FRIENDS,
        mask: 0,
        count: 220,
    },
    Kind {
        name: "everyday",
        templates: EVERYDAY,
        mask: 0,
        count: 820,
    },
];

// ---------------------------------------------------------------------------
// Building a post.

/// A filled template: text and designed categories.
struct Filled {
    text: String,
    /// Categories the post is designed in, with the internal marks.
    mask: Mask,
    /// First place named in the text, for a hashtag.
    place: Option<&'static str>,
}

fn fill(tpl: &Tpl, rng: &mut Rng) -> Filled {
    let mut text = String::new();
    let mut mask = tpl.mask;
    let mut place = None;
    let mut used: Vec<&str> = Vec::new();
    let mut rest = tpl.text;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("unclosed slot in a template");
        let name = &rest[open + 1..close];
        let slot = SLOTS
            .iter()
            .find(|slot| slot.name == name)
            .unwrap_or_else(|| panic!("unknown slot {{{name}}}"));
        // The same slot twice in a template gets two different values
        // (emoji may repeat).
        let value = loop {
            let v = *rng.pick(slot.values);
            if name.starts_with("emoji") || !used.contains(&v) {
                break v;
            }
        };
        used.push(value);
        if name == "lugar" && place.is_none() {
            place = Some(value);
        }
        mask |= slot.mask;
        text.push_str(value);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    // Spanish contractions when a slot value starts with the article "el".
    let text = text.replace(" de el ", " del ").replace(" a el ", " al ");
    Filled {
        text: capitalize(&text),
        mask,
        place,
    }
}

/// Whether a post with these marks is in the `threats` rule of narco-es
/// 2.0: threat language near a group or a rival, and not a report unless the
/// relay approves (the window is the template's job).
fn rule_threats(mask: Mask) -> bool {
    mask & TLG != 0 && mask & (GRP | RIV) != 0 && !(mask & RPT != 0 && mask & APV == 0)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Neutral decorations: a mention, emoji, hashtags, a "more" line.
fn decorate(text: &mut String, style: Style, place: Option<&str>, rng: &mut Rng) {
    match style {
        Style::News => {
            if let Some(place) = place.filter(|_| rng.chance(0.5)) {
                let tag: String = place.chars().filter(|c| !c.is_whitespace()).collect();
                text.push_str(" #");
                text.push_str(&tag);
            }
            if rng.chance(0.25) {
                let tag = *rng.pick(NEWS_HASHTAGS);
                text.push(' ');
                text.push_str(tag);
            }
            if rng.chance(0.2) {
                text.push_str("\n\nMás información en el enlace 👇");
            }
        }
        Style::Social => {
            if rng.chance(0.15) {
                *text = format!("{} {text}", rng.pick(MENTIONS));
            }
            if rng.chance(0.3) {
                let emoji = *rng.pick(NEUTRAL_EMOJI);
                text.push(' ');
                text.push_str(emoji);
            }
            if rng.chance(0.2) {
                let tag = *rng.pick(SOCIAL_HASHTAGS);
                text.push(' ');
                text.push_str(tag);
            }
        }
        Style::Commerce => {
            if rng.chance(0.3) {
                text.push_str("\nWhatsApp 55 1234 5678");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Dates (proleptic Gregorian; days counted from 1970-01-01).

/// Days from 1970-01-01 to y-m-d (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// y-m-d of a day count (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Sunday = 0.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Central Mexico summer time in 2020-2021: from the first Sunday of April to
/// the last Sunday of October (decided by date; posts are never made between
/// midnight and 3 a.m. here, so the changeover hour does not matter).
fn is_summer_time(days: i64) -> bool {
    let (y, _, _) = civil_from_days(days);
    let april = days_from_civil(y, 4, 1);
    let first_sunday = april + (7 - weekday(april)) % 7;
    let oct_end = days_from_civil(y, 10, 31);
    let last_sunday = oct_end - weekday(oct_end);
    (first_sunday..last_sunday).contains(&days)
}

/// A moment, as local time in Mexico's Central zone.
#[derive(Clone, Copy)]
struct Moment {
    /// Seconds since 1970-01-01 00:00 UTC.
    utc: i64,
    /// Seconds since 1970-01-01 00:00, local wall clock.
    local: i64,
    zone: &'static str,
}

impl Moment {
    fn from_local(local: i64) -> Moment {
        let summer = is_summer_time(local.div_euclid(86_400));
        let (zone, offset_hours) = if summer { ("CDT", 5) } else { ("CST", 6) };
        Moment {
            utc: local + offset_hours * 3600,
            local,
            zone,
        }
    }
}

fn date_time(secs: i64) -> (String, String) {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60),
    )
}

// ---------------------------------------------------------------------------
// The corpus.

struct Post {
    text: String,
    mask: Mask,
    page: usize,
    when: Moment,
    post_type: &'static str,
    fb_post_id: u64,
    tweet_id: u64,
    likes: u64,
    comments: u64,
    shares: u64,
    love: u64,
    wow: u64,
    haha: u64,
    sad: u64,
    angry: u64,
    care: u64,
    views: u64,
    video_secs: u64,
    overperforming: f64,
}

/// Audience of each page: followers on 2020-01-01 and yearly growth.
struct Audience {
    followers: u64,
    growth: f64,
    page_id: u64,
    x_id: u64,
    created: i64,
}

fn audiences(rng: &mut Rng) -> Vec<Audience> {
    PAGES
        .iter()
        .map(|_| Audience {
            followers: rng.range(3_000, 900_000),
            growth: 0.05 + rng.unit() * 0.5,
            page_id: rng.range(100_000_000_000_000, 110_999_999_999_999),
            x_id: rng.range(700_000_000_000_000_000, 1_300_000_000_000_000_000),
            created: days_from_civil(2009, 1, 1) * 86_400 + rng.below(9 * 365 * 86_400) as i64,
        })
        .collect()
}

/// Twitter's epoch for snowflake ids (2010-11-04T01:42:54.657Z), in ms.
const TWITTER_EPOCH_MS: i64 = 1_288_834_974_657;

fn build(seed: u64) -> (Vec<Post>, Vec<Audience>) {
    let mut rng = Rng(seed);
    let audience = audiences(&mut rng);
    let start = days_from_civil(2020, 1, 1);
    let end = days_from_civil(2022, 1, 1);

    let mut plan: Vec<&Kind> = KINDS
        .iter()
        .flat_map(|k| std::iter::repeat_n(k, k.count))
        .collect();
    assert_eq!(plan.len(), N_POSTS, "kind counts must add up to N_POSTS");
    rng.shuffle(&mut plan);

    let mut posts: Vec<Post> = plan
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let tpl = rng.pick(kind.templates);
            let mut filled = fill(tpl, &mut rng);
            filled.mask |= kind.mask;
            // The designed counts of the five acts (capability 200, threats
            // 180, ...) are exact only if no template or slot brings an act
            // into a post of another kind: templates and slots add `groups`
            // and the internal marks, never an act.
            assert_eq!(
                filled.mask & ACTS,
                kind.mask & ACTS,
                "template of kind {} has the wrong categories: {}",
                kind.name,
                tpl.text
            );
            // `threats` is the rule "threat language NEAR/20 (groups OR a
            // rival), and not a report unless it approves": a post is
            // designed in it exactly when its marks say so (the templates of
            // the threats kinds keep the words close; the other kinds never
            // combine threat language with a group or a rival outside a
            // report).
            assert_eq!(
                filled.mask & THR != 0,
                rule_threats(filled.mask),
                "template of kind {} breaks the threats rule: {}",
                kind.name,
                tpl.text
            );
            filled.mask &= CATEGORIES.iter().fold(0, |all, (bit, _)| all | bit);
            let mut text = filled.text;
            decorate(&mut text, tpl.style, filled.place, &mut rng);

            let pages: Vec<usize> = (0..PAGES.len())
                .filter(|&p| PAGES[p].style == tpl.style)
                .collect();
            let page = *rng.pick(&pages);

            let day = start + rng.below((end - start) as u64) as i64;
            let local = day * 86_400 + rng.range(7 * 3600, 23 * 3600 + 3599) as i64;
            let when = Moment::from_local(local);

            // News pages mostly share links; the others post photos and videos.
            let roll = rng.below(20);
            let post_type = if tpl.style == Style::News {
                match roll {
                    0..=9 => "Link",
                    10..=15 => "Photo",
                    16..=18 => "Video",
                    _ => "Status",
                }
            } else {
                match roll {
                    0..=8 => "Photo",
                    9..=12 => "Video",
                    13..=18 => "Status",
                    _ => "Link",
                }
            };

            let a = &audience[page];
            let years = (when.utc - start * 86_400) as f64 / (365.25 * 86_400.0);
            let followers = (a.followers as f64 * (1.0 + a.growth * years)) as u64;
            // Heavy-tailed reach: most posts get little, a few go viral.
            let reach = (followers as f64 * 0.05 * rng.unit().powi(6)) as u64 + 1;
            let mut part = |share: f64| (reach as f64 * share * (0.5 + rng.unit())) as u64;
            let likes = part(0.55);
            let comments = part(0.12);
            let shares = part(0.10);
            let love = part(0.08);
            let wow = part(0.03);
            let haha = part(0.04);
            let sad = part(0.03);
            let angry = part(0.03);
            let care = part(0.02);
            let (views, video_secs) = if post_type == "Video" {
                (reach * rng.range(5, 40), rng.range(8, 600))
            } else {
                (0, 0)
            };
            let ms = when.utc * 1000 + rng.below(1000) as i64;
            Post {
                text,
                mask: filled.mask,
                page,
                when,
                post_type,
                fb_post_id: 10_157_000_000_000_000 + i as u64 * 1_000_003 + rng.below(1_000_000),
                tweet_id: (((ms - TWITTER_EPOCH_MS) as u64) << 22) | rng.below(1 << 22),
                likes,
                comments,
                shares,
                love,
                wow,
                haha,
                sad,
                angry,
                care,
                views,
                video_secs,
                overperforming: (rng.unit() * 20.0 - 6.0).max(-5.0),
            }
        })
        .collect();
    // Newest first, as CrowdTangle and the X search API return them.
    posts.sort_by(|a, b| {
        b.when
            .utc
            .cmp(&a.when.utc)
            .then(b.tweet_id.cmp(&a.tweet_id))
    });
    (posts, audience)
}

// ---------------------------------------------------------------------------
// Writers.

/// Integer with the thousands separator of Mexican Spanish pages ("1.234").
fn thousands(value: u64) -> String {
    let mut groups = Vec::new();
    let mut rest = value;
    while rest >= 1000 {
        groups.push(format!("{:03}", rest % 1000));
        rest /= 1000;
    }
    groups.push(rest.to_string());
    groups.reverse();
    groups.join(".")
}

fn csv_field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// A JSON string as Python's `json.dumps` writes it (`ensure_ascii`).
fn json_string(out: &mut String, value: &str) {
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(ch),
            _ => {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

const CSV_HEADER: &str = "Page Name,User Name,Facebook Id,Page Category,Page Admin Top Country,\
Page Description,Page Created,Likes at Posting,Followers at Posting,Post Created,\
Post Created Date,Post Created Time,Type,Total Interactions,Likes,Comments,Shares,Love,Wow,Haha,\
Sad,Angry,Care,Video Share Status,Is Video Owner?,Post Views,Total Views,\
Total Views For All Crossposts,Video Length,URL,Message,Link,Final Link,Image Text,Link Text,\
Description,Sponsor Id,Sponsor Name,Sponsor Category,Overperforming Score (weighted  —  \
Likes 1x Shares 1x Comments 1x Love 1x Wow 1x Haha 1x Sad 1x Angry 1x Care 1x )";

fn write_csv(path: &Path, posts: &[Post], audience: &[Audience]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    w.write_all("\u{feff}".as_bytes())?;
    writeln!(w, "{CSV_HEADER}")?;
    let start = days_from_civil(2020, 1, 1) * 86_400;
    let mut line = String::new();
    for post in posts {
        let page = &PAGES[post.page];
        let a = &audience[post.page];
        let years = (post.when.utc - start) as f64 / (365.25 * 86_400.0);
        let followers = (a.followers as f64 * (1.0 + a.growth * years)) as u64;
        let (date, time) = date_time(post.when.local);
        let (created_date, created_time) = date_time(a.created);
        let total = post.likes
            + post.comments
            + post.shares
            + post.love
            + post.wow
            + post.haha
            + post.sad
            + post.angry
            + post.care;
        let url = format!(
            "https://www.facebook.com/{}/posts/{}",
            page.handle, post.fb_post_id
        );
        let is_video = post.post_type == "Video";
        let link = match post.post_type {
            "Link" => format!(
                "https://{}.example/nota/{}",
                page.handle.to_lowercase(),
                post.fb_post_id % 1_000_000
            ),
            "Photo" => format!(
                "https://www.facebook.com/{}/photos/a.{}/{}/",
                page.handle,
                a.page_id % 10_000_000,
                post.fb_post_id
            ),
            "Video" => format!(
                "https://www.facebook.com/{}/videos/{}/",
                page.handle, post.fb_post_id
            ),
            _ => String::new(),
        };
        let views = if is_video {
            post.views.to_string()
        } else {
            "0".to_string()
        };
        let fields: [String; 40] = [
            page.name.to_string(),
            page.handle.to_string(),
            a.page_id.to_string(),
            page.category.to_string(),
            "MX".to_string(),
            page.description.to_string(),
            format!("{created_date} {created_time}"),
            (followers * 9 / 10).to_string(),
            followers.to_string(),
            format!("{date} {time} {}", post.when.zone),
            date,
            time,
            post.post_type.to_string(),
            thousands(total),
            post.likes.to_string(),
            post.comments.to_string(),
            post.shares.to_string(),
            post.love.to_string(),
            post.wow.to_string(),
            post.haha.to_string(),
            post.sad.to_string(),
            post.angry.to_string(),
            post.care.to_string(),
            if is_video {
                "owned".to_string()
            } else {
                String::new()
            },
            if is_video {
                "Yes".to_string()
            } else {
                "-".to_string()
            },
            views.clone(),
            views.clone(),
            views,
            if is_video {
                let t = post.video_secs;
                format!("{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
            } else {
                String::new()
            },
            url,
            post.text.clone(),
            link.clone(),
            if post.post_type == "Link" {
                link
            } else {
                String::new()
            },
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("{:.2}", post.overperforming),
        ];
        line.clear();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            csv_field(&mut line, field);
        }
        line.push('\n');
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

fn write_jsonl(path: &Path, posts: &[Post], audience: &[Audience]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    let mut line = String::new();
    for post in posts {
        let page = &PAGES[post.page];
        let a = &audience[post.page];
        let (date, time) = date_time(post.when.utc);
        let ms = (post.tweet_id >> 22) as i64 + TWITTER_EPOCH_MS;
        line.clear();
        let _ = write!(line, "{{\"id\": \"{}\", \"text\": ", post.tweet_id);
        json_string(&mut line, &post.text);
        let _ = write!(
            line,
            ", \"author_id\": \"{}\", \"created_at\": \"{date}T{time}.{:03}Z\", \"lang\": \"es\", \
             \"public_metrics\": {{\"retweet_count\": {}, \"reply_count\": {}, \"like_count\": {}, \
             \"quote_count\": {}}}, \"author\": {{\"id\": \"{}\", \"username\": ",
            a.x_id,
            ms.rem_euclid(1000),
            post.shares,
            post.comments,
            post.likes + post.love + post.care,
            post.shares / 8,
            a.x_id,
        );
        json_string(&mut line, page.x_user);
        line.push_str(", \"name\": ");
        json_string(&mut line, page.name);
        line.push_str("}}\n");
        w.write_all(line.as_bytes())?;
    }
    w.flush()
}

/// Designed categories of every post, aligned with both files (row 1 = the
/// first post): `url` is the CSV's post id (its `URL`, what lexiscope reads
/// as the id of a CrowdTangle post) and `tweet_id` the JSONL's (`id`); one
/// 0/1 column per category, as `lexiscope evaluate --gold` reads them, and
/// the same categories as a list. Both overlap modes give the same
/// categories on every post, so there is one set of columns.
fn write_labels(path: &Path, posts: &[Post]) -> io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    let mut header = String::from("row,url,tweet_id");
    for (_, name) in CATEGORIES {
        header.push(',');
        header.push_str(name);
    }
    header.push_str(",categories");
    writeln!(w, "{header}")?;
    let mut line = String::new();
    for (i, post) in posts.iter().enumerate() {
        line.clear();
        let _ = write!(
            line,
            "{},https://www.facebook.com/{}/posts/{},{}",
            i + 1,
            PAGES[post.page].handle,
            post.fb_post_id,
            post.tweet_id
        );
        for (bit, _) in CATEGORIES {
            line.push_str(if post.mask & bit != 0 { ",1" } else { ",0" });
        }
        line.push(',');
        let names: Vec<&str> = CATEGORIES
            .iter()
            .filter(|(bit, _)| post.mask & bit != 0)
            .map(|(_, name)| *name)
            .collect();
        line.push_str(&names.join(";"));
        writeln!(w, "{line}")?;
    }
    w.flush()
}

// ---------------------------------------------------------------------------

struct Args {
    seed: u64,
    out: PathBuf,
    labels: Option<PathBuf>,
}

const USAGE: &str = "usage: make_example_corpus [--seed N] [--out DIR] [--labels FILE]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        seed: DEFAULT_SEED,
        out: PathBuf::from("examples"),
        labels: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--seed" => {
                let v = value("--seed")?;
                args.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--out" => args.out = PathBuf::from(value("--out")?),
            "--labels" => args.labels = Some(PathBuf::from(value("--labels")?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument: {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn summary(posts: &[Post], args: &Args) {
    let count = |bit: Mask| posts.iter().filter(|p| p.mask & bit != 0).count();
    let total = posts.len() as f64;
    eprintln!(
        "make_example_corpus: {} SYNTHETIC posts (seed {}) written to {}",
        posts.len(),
        args.seed,
        args.out.join("cartel-posts.{csv,jsonl}").display()
    );
    eprintln!("designed posts per category (both overlap modes):");
    for (bit, name) in CATEGORIES {
        let designed = count(bit);
        eprintln!(
            "  {name:<16} {designed:>5}  {:>5.1}%",
            designed as f64 / total * 100.0
        );
    }
    let both = posts
        .iter()
        .filter(|p| p.mask & (CAP | THR) == CAP | THR)
        .count();
    let any = posts.iter().filter(|p| p.mask != 0).count();
    eprintln!("  capability and threats together: {both}; any category: {any}");
}

fn run(args: &Args) -> io::Result<()> {
    let (posts, audience) = build(args.seed);
    fs::create_dir_all(&args.out)?;
    write_csv(&args.out.join("cartel-posts.csv"), &posts, &audience)?;
    write_jsonl(&args.out.join("cartel-posts.jsonl"), &posts, &audience)?;
    if let Some(labels) = &args.labels {
        write_labels(labels, &posts)?;
    }
    summary(&posts, args);
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("make_example_corpus: {err}");
            ExitCode::FAILURE
        }
    }
}
