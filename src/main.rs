fn main() {
    println!("rapport");
}
